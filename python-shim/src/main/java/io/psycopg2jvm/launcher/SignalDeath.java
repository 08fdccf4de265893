package io.psycopg2jvm.launcher;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ending the process by a signal, as CPython's process ends: killed by SIGTERM or SIGHUP when it
 * has no handler for them, and by SIGINT after an uncaught KeyboardInterrupt. A parent then sees
 * the signal ({@code subprocess} returns -15, a shell's {@code $?} is 143) where the JVM would
 * otherwise exit with the status 128 + n after running its shutdown hooks.
 *
 * <p>The JVM cannot re-raise a signal it does not handle ({@code Signal.raise} refuses), so the
 * process asks {@code /bin/sh}'s {@code kill} to send it, with the signal's default action set.
 */
final class SignalDeath {
    private static final long GRACE_MILLIS = 500;
    /** Set once a termination signal is being acted on: the process is about to be killed. */
    private static volatile boolean dying;

    private SignalDeath() {
    }

    /**
     * Makes SIGTERM and SIGHUP run {@code cleanup} (stopping the program first, then what must not
     * outlive the process, such as a throwaway server) and then kill the process. A Python
     * program's own {@code signal.signal} handlers replace these.
     */
    static void onTerminationSignals(Runnable cleanup) {
        for (String name : new String[] {"TERM", "HUP"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    dying = true;
                    try {
                        cleanup.run();
                    } finally {
                        die(signal.getName(), 128 + signal.getNumber());
                    }
                });
            } catch (IllegalArgumentException e) {
                // the JVM reserves it (-Xrs): its own handling stays
            }
        }
    }

    /**
     * Kills the process with the signal named (TERM, INT, ...); if the signal does not end it,
     * halts with {@code fallbackStatus}. Never returns.
     */
    static void die(String name, int fallbackStatus) {
        System.out.flush();
        System.err.flush();
        try {
            Signal.handle(new Signal(name), SignalHandler.SIG_DFL);
            Process kill = new ProcessBuilder("/bin/sh", "-c", "kill -s " + name + " " + ProcessHandle.current().pid())
                    .inheritIO().start();
            kill.waitFor(GRACE_MILLIS, TimeUnit.MILLISECONDS);
            Thread.sleep(GRACE_MILLIS);
        } catch (IllegalArgumentException | IOException e) {
            // no such signal here, or no shell: the status alone says it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(fallbackStatus);
    }

    /**
     * Blocks for good if a termination signal is being acted on: the program the cleanup stopped
     * must neither report its interruption nor exit with a status of its own before the kill.
     */
    static void awaitDeathIfDying() {
        while (dying) {
            try {
                Thread.sleep(GRACE_MILLIS);
            } catch (InterruptedException e) {
                // keep waiting: the signal's handler ends the process
            }
        }
    }

    /** The signal's name for its number, for statuses given as minus a signal number. */
    static String name(int number) {
        switch (number) {
            case 1:
                return "HUP";
            case 2:
                return "INT";
            case 15:
                return "TERM";
            default:
                throw new IllegalArgumentException("no signal handled for " + number);
        }
    }
}
