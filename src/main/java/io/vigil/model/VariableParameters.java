package io.vigil.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.family.TNumber;

/**
 * Parameters as graph variables, initialised either from Keras-style initialisers with a seed (a new
 * model) or from trained values (export). Remembers every variable it made, in creation order, so the
 * trainer can differentiate with respect to them and read them back.
 */
public final class VariableParameters implements Parameters {
    private final Long seed;
    private final Map<String, float[]> values;
    private final Map<String, Variable<?>> variables = new LinkedHashMap<>();
    private final Map<String, Shape> shapes = new LinkedHashMap<>();

    private VariableParameters(Long seed, Map<String, float[]> values) {
        this.seed = seed;
        this.values = values;
    }

    /** Fresh parameters from Keras' default initialisers, reproducible from {@code seed}. */
    public static VariableParameters initialised(long seed) {
        return new VariableParameters(seed, null);
    }

    /** Parameters holding the given trained values; every parameter the graph asks for must be present. */
    public static VariableParameters of(Map<String, float[]> trained) {
        return new VariableParameters(null, trained);
    }

    @Override
    public <T extends TNumber> Operand<T> get(Ops tf, String name, Shape shape, Init init, Class<T> type) {
        float[] initial;
        if (values != null) {
            initial = values.get(name);
            if (initial == null) {
                throw new IllegalArgumentException("no trained value for parameter " + name);
            }
            if (initial.length != shape.size()) {
                throw new IllegalArgumentException("parameter " + name + " has " + initial.length + " values, graph needs " + shape);
            }
        } else {
            initial = Initializers.values(seed, name, shape.asArray(), init);
        }
        Operand<T> init0 = tf.dtypes.cast(tf.constant(shape, DataBuffers.of(initial, true, false)), type);
        Variable<T> variable = tf.withName(leaf(name)).variable(init0);
        variables.put(name, variable);
        shapes.put(name, shape);
        return variable;
    }

    public Map<String, Variable<?>> variables() {
        return Collections.unmodifiableMap(variables);
    }

    public Map<String, Shape> shapes() {
        return Collections.unmodifiableMap(shapes);
    }

    private static String leaf(String name) {
        return name.substring(name.lastIndexOf('/') + 1);
    }
}
