package io.vigil.model;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TNumber;

/**
 * Where the graph builder gets its weights from. Training supplies variables holding initial values,
 * export supplies variables holding trained values, and the gradient check supplies placeholders it
 * can perturb. The builder asks for parameters in a fixed order with stable names.
 */
public interface Parameters {
    <T extends TNumber> Operand<T> get(Ops tf, String name, Shape shape, Init init, Class<T> type);
}
