#pragma once
/// Versioned binary graph file: what `maillage graph build` writes and every
/// later run loads in a fraction of the build time.
///
/// Layout (little-endian): magic "MLGGRAPH", u32 version, u32 byte-order mark,
/// u64 node/arc/shape/shape-point counts, three length-prefixed strings
/// (source, profile, CRS), the RoadGraph arrays in declaration order, and a
/// 64-bit checksum of every byte before it.

#include "network/road_graph.hpp"

#include <cstdint>
#include <string>

namespace maillage::network {

/// Current graph file version; bump on any layout change.
inline constexpr std::uint32_t kGraphFileVersion = 1;

/// Writes the graph to `path` atomically (temporary name, then rename).
/// Throws OutputError naming the file if it cannot be written.
void save_graph(const RoadGraph& graph, const std::string& path);

/// Loads a graph file. Throws InputError naming the file if it is missing,
/// not a graph file, of another version, truncated, corrupted (checksum) or
/// inconsistent. Never reads past the data it checked.
RoadGraph load_graph(const std::string& path);

/// The checksum a graph file stores in its last 8 bytes, over the `size`
/// bytes before them. For tools that build or mutate graph files (fuzzing).
std::uint64_t graph_file_checksum(const void* data, std::size_t size);

/// True if the file starts with the graph file magic (any version).
bool is_graph_file(const std::string& path);

} // namespace maillage::network
