"""Codes stored in Marrow's agent columns (include/marrow/cell_types.hpp), mirrored for Python."""

CELL_TYPES = ("stromal", "monocyte", "preosteoclast", "osteoclast", "osteoblast")  # agents/type 0..4
OSTEOBLAST_STATES = ("precursor", "active", "lining", "retracted")  # agents/state of osteoblasts 0..3

STROMAL, MONOCYTE, PREOSTEOCLAST, OSTEOCLAST, OSTEOBLAST = range(5)
OB_PRECURSOR, OB_ACTIVE, OB_LINING, OB_RETRACTED = range(4)

LINEAGE_BITS = {1: "monocyte", 2: "CD16+ monocyte", 4: "dendritic", 8: "B cell"}  # agents/lineage flags

SOLID_THRESHOLD = 0.5  # a voxel is bone (solid) while its mineral fraction is at least this
