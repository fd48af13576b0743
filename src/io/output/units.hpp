#pragma once
// Which unit each dataset gets: the run's RunMetadata::units, then the writer's defaults for the
// datasets it defines itself (time, tick, pit events). Keys may be patterns in which '*' matches
// within one path component ("snapshots/*/bone", "snapshots/*/fields/*", "snapshots/*/agents/secretion_*");
// an exact key wins, then the pattern with the most literal characters; "snapshots/bone" also
// names the bone of every snapshot.
#include <map>
#include <string>

namespace marrow::output_detail {

inline constexpr const char* kUnknownUnit = "unknown";

// RunMetadata::units merged over the defaults (the run's entries win).
std::map<std::string, std::string> merged_units(const std::map<std::string, std::string>& run_units);

// The unit of the dataset at path (relative to the root, no leading '/'), or kUnknownUnit.
std::string unit_for(const std::map<std::string, std::string>& units, const std::string& path);

}  // namespace marrow::output_detail
