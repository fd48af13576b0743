#pragma once
// Builds the field set (transport parameters, zero initial concentrations) from the resolved config.
#include <cstddef>

#include "marrow/config.hpp"
#include "marrow/fields.hpp"

namespace marrow {
FieldSet fields_from_config(const ResolvedConfig& cfg, std::size_t voxels);
}
