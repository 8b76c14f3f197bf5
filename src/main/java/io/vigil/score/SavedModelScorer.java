package io.vigil.score;

import io.vigil.model.ModelSignature;
import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * A {@link Scorer} backed by a SavedModel. Tensors are resolved through the serving signature's names;
 * inputs and outputs go through flat buffers (nested Java arrays are two orders of magnitude slower),
 * and every tensor and result is closed before returning.
 */
public final class SavedModelScorer implements Scorer {
    private final SavedModelBundle bundle;
    private final int window;
    private final int features;
    private final int latentSize;
    private final String input;
    private final String[] outputs;

    private SavedModelScorer(SavedModelBundle bundle) {
        this.bundle = bundle;
        Signature signature = bundle.function(ModelSignature.KEY).signature();
        Signature.TensorDescription in = signature.getInputs().get(ModelSignature.INPUT_WINDOWS);
        Map<String, Signature.TensorDescription> outs = signature.getOutputs();
        if (in == null || !outs.keySet().containsAll(java.util.List.of(ModelSignature.RECONSTRUCTION, ModelSignature.WINDOW_ERROR,
                ModelSignature.FEATURE_ERROR, ModelSignature.STEP_ERROR, ModelSignature.LATENT))) {
            throw new IllegalArgumentException("the SavedModel's serving signature is not Vigil's: inputs " + signature.inputNames()
                    + ", outputs " + signature.outputNames());
        }
        this.window = (int) in.shape.get(1);
        this.features = (int) in.shape.get(2);
        this.latentSize = (int) outs.get(ModelSignature.LATENT).shape.get(1);
        this.input = in.name;
        this.outputs = new String[] {outs.get(ModelSignature.RECONSTRUCTION).name, outs.get(ModelSignature.WINDOW_ERROR).name,
            outs.get(ModelSignature.FEATURE_ERROR).name, outs.get(ModelSignature.STEP_ERROR).name, outs.get(ModelSignature.LATENT).name};
    }

    /** Loads the SavedModel in {@code dir} (a version directory). */
    public static SavedModelScorer load(Path dir) {
        SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), ModelSignature.TAG);
        try {
            return new SavedModelScorer(bundle);
        } catch (RuntimeException e) {
            bundle.close();
            throw e;
        }
    }

    @Override
    public int window() {
        return window;
    }

    @Override
    public int features() {
        return features;
    }

    @Override
    public ScoreBatch score(float[] windows, int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("nothing to score");
        }
        long size = (long) count * window * features;
        if (windows.length < size) {
            throw new IllegalArgumentException("need " + size + " values for " + count + " windows, got " + windows.length);
        }
        Session.Runner runner;
        try (TFloat32 x = TFloat32.tensorOf(Shape.of(count, window, features))) {
            x.copyFrom(DataBuffers.of(windows, true, false).narrow(size));
            runner = bundle.session().runner().feed(input, x);
            for (String o : outputs) {
                runner.fetch(o);
            }
            try (Result result = runner.run()) {
                return new ScoreBatch(count, window, features, latentSize,
                        read(result, 0, size), read(result, 1, count), read(result, 2, (long) count * features),
                        read(result, 3, (long) count * window), read(result, 4, (long) count * latentSize));
            }
        }
    }

    private static float[] read(Result result, int index, long size) {
        float[] out = new float[(int) size];
        ((TFloat32) result.get(index)).copyTo(DataBuffers.of(out, false, false));
        return out;
    }

    @Override
    public void close() {
        bundle.close();
    }
}
