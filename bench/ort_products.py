"""The ceiling ONNX Runtime's matrix-product kernels put on decode efficiency: the model's own products (every
`MatMul` and `MatMulNBits` of the graph its builder made, with their weights and attributes), cut out of the
model and run alone on one row of activations, as decoding a token runs them. Nothing else a token does (the
norms, the attention, the session's own work) is in it, so the bytes of weights they read per second, over the
memory's bandwidth, is the highest decode efficiency that engine could reach at that precision on this machine.

Used by bench/generation.py on each copy ONNX Runtime's builder makes, in the same run as the bandwidth.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bench.common import best_of

PRODUCTS = ("MatMul", "MatMulNBits")
ROUNDS, REPEATS = 5, 10  # the fastest of ROUNDS rounds of REPEATS runs: the least disturbed on a shared machine


def products_alone(model_dir: Path, threads: int) -> dict[str, float]:
    """{"products_gbs": weights read per second by the products alone, "products_ms": one token's worth,
    "products": how many, "products_bytes": their weights' size}."""
    import onnx
    import onnxruntime as ort
    from onnx import TensorProto, helper

    from desktop_app.engines.ort_generation import tensor_bytes

    model = onnx.load(str(model_dir / "model.onnx"))  # with its weights: they go into the cut-out graph
    weights = {tensor.name: tensor for tensor in model.graph.initializer}
    nodes, inputs, outputs, kept, widths = [], [], [], {}, set()
    for index, node in enumerate(model.graph.node):
        if node.op_type not in PRODUCTS or node.input[1] not in weights:
            continue
        width = _width(node, weights)
        widths.add(width)
        # every product reads a row of its own width; a product's output feeds nothing, as in one token's step
        renamed = helper.make_node(
            node.op_type, [f"row{width}", *node.input[1:]], [f"out{index}"], domain=node.domain or ""
        )
        renamed.attribute.extend(node.attribute)
        nodes.append(renamed)
        outputs.append(helper.make_tensor_value_info(f"out{index}", TensorProto.FLOAT, None))
        kept |= {name: weights[name] for name in node.input[1:] if name in weights}
    for width in sorted(widths):
        inputs.append(helper.make_tensor_value_info(f"row{width}", TensorProto.FLOAT, [1, width]))
    graph = helper.make_graph(nodes, "products", inputs, outputs, list(kept.values()))
    cut = helper.make_model(graph, opset_imports=model.opset_import)
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    session = ort.InferenceSession(cut.SerializeToString(), options, providers=["CPUExecutionProvider"])
    rows = {f"row{width}": np.random.default_rng(0).standard_normal((1, width), dtype=np.float32) for width in widths}
    session.run(None, rows)  # warm: the weights packed, the threads up
    round_s, _outputs = best_of(ROUNDS, lambda: [session.run(None, rows) for _ in range(REPEATS)])
    best = round_s / REPEATS
    size = sum(tensor_bytes(weight) for weight in kept.values())
    return {
        "products_gbs": size / best / 1e9,
        "products_ms": best * 1e3,
        "products": len(nodes),
        "products_bytes": size,
    }


def _width(node: object, weights: dict[str, object]) -> int:
    """The length of the row a product multiplies: MatMulNBits says it (K); a MatMul's weight is K × N."""
    for attribute in node.attribute:  # type: ignore[attr-defined]
        if attribute.name == "K":
            return int(attribute.i)
    return int(weights[node.input[1]].dims[0])  # type: ignore[attr-defined,index]
