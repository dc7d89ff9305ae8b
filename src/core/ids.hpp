#pragma once
/// Dense 32-bit ids used by every algorithm; external ids (OSM ids, INSEE
/// codes, site ids) live in side arrays and are mapped once, in io.

#include <cstdint>
#include <limits>

namespace maillage {

using NodeId = std::uint32_t;
using ArcId = std::uint32_t;
using SiteId = std::uint32_t;
using DemandId = std::uint32_t;
using CommuneId = std::uint32_t;
using CantonId = std::uint32_t;

/// The one "no such element" value shared by every id type.
inline constexpr std::uint32_t kInvalid = std::numeric_limits<std::uint32_t>::max();

} // namespace maillage
