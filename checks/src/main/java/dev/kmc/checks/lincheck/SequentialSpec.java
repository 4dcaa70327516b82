package dev.kmc.checks.lincheck;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the sequential specification of a Lincheck test class. Put it on the outer class of a
 * suite's operations; the nested variants (PreFix, Fixed) inherit it, so a tool that only knows
 * a variant's class (kmc export-test, from a trace's {@code class:} line) finds the specification
 * through {@link Regression#specOf}.
 */
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SequentialSpec {
    Class<?> value();
}
