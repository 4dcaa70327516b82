package dev.kmc.checks.lincheck;

/** How hard a check searches: QUICK is what CI runs on 2 cores; THOROUGH is an overnight run. */
public enum Budget {
    QUICK, THOROUGH;

    public static Budget parse(String s) {
        for (Budget b : values()) {
            if (b.name().equalsIgnoreCase(s)) return b;
        }
        throw new IllegalArgumentException("unknown budget '" + s + "': accepted are quick, thorough");
    }
}
