package dev.kmc.stress.runner;

/** Bad command-line input: kmc prints the message on one line and exits 2. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
