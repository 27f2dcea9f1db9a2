"""The Protocol Dependence Graph: model, stages, serialisation."""
