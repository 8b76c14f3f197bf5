package io.vigil.detect;

/**
 * Stores any {@link CalibrationState}. The first byte tells the kind and format apart: 1, 2 and 4 are the
 * {@link LikelihoodStateMapper likelihood's} formats 1, 2 and 3, 3 is {@link SpotStateMapper SPOT's} format 1.
 * A reader refuses a tag it does not know.
 */
public final class CalibrationStateMapper {
    private CalibrationStateMapper() {
    }

    public static byte[] toBytes(CalibrationState s) {
        if (s instanceof StreamingLikelihood.State l) {
            return LikelihoodStateMapper.toBytes(l);
        }
        return SpotStateMapper.toBytes((Spot.State) s);
    }

    public static CalibrationState fromBytes(byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalStateException("calibration state is empty");
        }
        return switch (bytes[0]) {
            case LikelihoodStateMapper.FORMAT_1, LikelihoodStateMapper.FORMAT_2, LikelihoodStateMapper.FORMAT_3 -> LikelihoodStateMapper.fromBytes(bytes);
            case SpotStateMapper.FORMAT_1 -> SpotStateMapper.fromBytes(bytes);
            default -> throw new IllegalStateException("calibration state has format tag " + bytes[0]
                    + "; this release reads 1, 2 and 4 (streaming likelihood) and 3 (SPOT)");
        };
    }
}
