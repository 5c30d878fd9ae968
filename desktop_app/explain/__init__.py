"""Explanations that test what a model uses (LIME, Kernel SHAP, integrated gradients, feature ablation, from
captum), beside its attention, with a faithfulness score and the methods' agreement."""
