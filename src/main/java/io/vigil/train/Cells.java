package io.vigil.train;

import io.vigil.telemetry.InputException;
import io.vigil.telemetry.Timestamps;

/** Turns one cell of a history file into a number or a time, or says exactly what is wrong with it. */
final class Cells {
    private Cells() {
    }

    static float number(String file, long line, String column, String text) {
        if (text == null || text.isEmpty()) {
            throw InputException.at(file, line, "column \"" + column + "\" is empty, expected a number");
        }
        double d;
        try {
            d = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw InputException.at(file, line, "column \"" + column + "\" is \"" + text + "\", expected a number");
        }
        return finite(file, line, "column \"" + column + "\"", d);
    }

    /** Refuses NaN and infinities, and values a float (the model's type) cannot hold. */
    static float finite(String file, long line, String what, double d) {
        if (Double.isNaN(d)) {
            throw InputException.at(file, line, what + " is NaN, expected a finite number");
        }
        if (Double.isInfinite(d)) {
            throw InputException.at(file, line, what + " is infinite, expected a finite number");
        }
        float f = (float) d;
        if (Float.isInfinite(f)) {
            throw InputException.at(file, line, what + " is " + d
                    + ", beyond the float range (about ±3.4e38) the model computes in");
        }
        return f;
    }

    static long timestamp(String file, long line, String what, String text) {
        try {
            return Timestamps.parse(text);
        } catch (IllegalArgumentException e) {
            throw InputException.at(file, line, what + " is \"" + text + "\", expected "
                    + Timestamps.ACCEPTED_FORMATS);
        }
    }

    static boolean looksNumeric(String text) {
        if (text == null || text.isEmpty()) {
            return true; // an empty first cell says nothing about the column; reading it will complain
        }
        try {
            Double.parseDouble(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
