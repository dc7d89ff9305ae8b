#include "network/graph_file.hpp"

#include "core/error.hpp"
#include "core/file.hpp"

#include <bit>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <unistd.h>

namespace maillage::network {

static_assert(std::endian::native == std::endian::little,
              "graph files are little-endian; add byte swapping for this platform");

namespace {

constexpr char kMagic[8] = {'M', 'L', 'G', 'G', 'R', 'A', 'P', 'H'};
constexpr std::uint32_t kByteOrderMark = 0x01020304;

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

/// Word-wise multiplicative hash: fast enough to be checked on every load.
class Checksum {
  public:
    void add(const void* data, std::size_t size) {
        const auto* p = static_cast<const unsigned char*>(data);
        std::size_t i = 0;
        while (m_fill != 0 && i < size) {
            m_word |= std::uint64_t(p[i++]) << (8 * m_fill);
            if (++m_fill == 8) flush();
        }
        for (; i + 8 <= size; i += 8) { // whole words: same result, much faster
            std::memcpy(&m_word, p + i, 8);
            flush();
        }
        for (; i < size; ++i) {
            m_word |= std::uint64_t(p[i]) << (8 * m_fill);
            if (++m_fill == 8) flush();
        }
    }
    std::uint64_t value() {
        if (m_fill) flush();
        return m_hash ^ (m_hash >> 29);
    }

  private:
    void flush() {
        m_hash = (std::rotl(m_hash, 23) ^ m_word) * 0x9E3779B97F4A7C15ull;
        m_word = 0;
        m_fill = 0;
    }
    std::uint64_t m_hash = 0xCBF29CE484222325ull;
    std::uint64_t m_word = 0;
    unsigned m_fill = 0;
};

class Writer {
  public:
    Writer(std::FILE* f, const std::string& path) : m_f(f), m_path(path) {}
    void raw(const void* data, std::size_t size) {
        if (size && std::fwrite(data, 1, size, m_f) != size)
            throw OutputError(m_path + ": write failed (disk full?)");
        m_sum.add(data, size);
    }
    template <class T> void value(T v) { raw(&v, sizeof v); }
    template <class T> void array(const std::vector<T>& v) { raw(v.data(), v.size() * sizeof(T)); }
    void string(const std::string& s) {
        value(static_cast<std::uint32_t>(s.size()));
        raw(s.data(), s.size());
    }
    void finish() {
        const std::uint64_t c = m_sum.value();
        if (std::fwrite(&c, 1, sizeof c, m_f) != sizeof c)
            throw OutputError(m_path + ": write failed (disk full?)");
    }

  private:
    std::FILE* m_f;
    const std::string& m_path;
    Checksum m_sum;
};

class Reader {
  public:
    Reader(std::FILE* f, const std::string& path, std::uint64_t size)
        : m_f(f), m_path(path), m_left(size) {}
    [[noreturn]] void fail(const std::string& what) const {
        throw InputError(m_path + ": " + what);
    }
    void raw(void* data, std::size_t size) {
        if (size > m_left) fail("truncated graph file (rebuild it with maillage graph build)");
        if (size && std::fread(data, 1, size, m_f) != size) fail("read error");
        m_left -= size;
        m_sum.add(data, size);
    }
    template <class T> T value() {
        T v{};
        raw(&v, sizeof v);
        return v;
    }
    template <class T> void array(std::vector<T>& v, std::uint64_t count) {
        if (count > m_left / sizeof(T)) fail("truncated graph file (rebuild it with maillage graph build)");
        v.resize(count);
        raw(v.data(), count * sizeof(T));
    }
    std::string string() {
        const auto len = value<std::uint32_t>();
        if (len > 4096) fail("corrupted graph file (bad string length)");
        std::string s(len, '\0');
        raw(s.data(), len);
        return s;
    }
    void finish() {
        const std::uint64_t expected = m_sum.value();
        std::uint64_t stored = 0;
        if (m_left != sizeof stored)
            fail(m_left < sizeof stored ? "truncated graph file (rebuild it with maillage graph build)"
                                        : "corrupted graph file (trailing bytes)");
        if (std::fread(&stored, 1, sizeof stored, m_f) != sizeof stored) fail("read error");
        if (stored != expected) fail("corrupted graph file (checksum mismatch)");
    }

  private:
    std::FILE* m_f;
    const std::string& m_path;
    std::uint64_t m_left;
    Checksum m_sum;
};

void write_all(Writer& w, const RoadGraph& g) {
    w.raw(kMagic, sizeof kMagic);
    w.value(kGraphFileVersion);
    w.value(kByteOrderMark);
    w.value(std::uint64_t(g.node_count()));
    w.value(std::uint64_t(g.arc_count()));
    w.value(std::uint64_t(g.shape_count()));
    w.value(std::uint64_t(g.shape_x.size()));
    w.string(g.source);
    w.string(g.profile);
    w.string(g.crs);
    w.array(g.x), w.array(g.y), w.array(g.lon), w.array(g.lat);
    w.array(g.first_out), w.array(g.head), w.array(g.time_ds), w.array(g.length_m);
    w.array(g.arc_shape), w.array(g.arc_reversed);
    w.array(g.first_in), w.array(g.tail), w.array(g.in_time_ds), w.array(g.in_arc);
    w.array(g.shape_first), w.array(g.shape_x), w.array(g.shape_y);
    w.array(g.shape_forward_arc), w.array(g.shape_backward_arc);
    w.finish();
}

} // namespace

void save_graph(const RoadGraph& graph, const std::string& path) {
    const std::string tmp = path + ".tmp." + std::to_string(::getpid());
    {
        File f(std::fopen(tmp.c_str(), "wb"));
        if (!f) throw OutputError(path + ": cannot write (" + std::strerror(errno) + ")");
        try {
            Writer w(f.get(), path);
            write_all(w, graph);
            if (std::fflush(f.get()) != 0) throw OutputError(path + ": write failed (disk full?)");
        } catch (...) {
            f.reset();
            std::remove(tmp.c_str());
            throw;
        }
        if (std::fclose(f.release()) != 0) {
            std::remove(tmp.c_str());
            throw OutputError(path + ": write failed (disk full?)");
        }
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::remove(tmp.c_str());
        throw OutputError(path + ": cannot rename temporary file (" + ec.message() + ")");
    }
}

std::uint64_t graph_file_checksum(const void* data, std::size_t size) {
    Checksum sum;
    sum.add(data, size);
    return sum.value();
}

bool is_graph_file(const std::string& path) {
    File f(std::fopen(path.c_str(), "rb"));
    char magic[sizeof kMagic] = {};
    return f && std::fread(magic, 1, sizeof magic, f.get()) == sizeof magic &&
           std::memcmp(magic, kMagic, sizeof kMagic) == 0;
}

RoadGraph load_graph(const std::string& path) {
    std::error_code ec;
    check_input_path(path, "graph file");
    const std::uint64_t size = std::filesystem::file_size(path, ec);
    if (ec) throw InputError(path + ": cannot read (" + ec.message() + ")");
    File f(std::fopen(path.c_str(), "rb"));
    if (!f) throw InputError(path + ": cannot open (" + std::strerror(errno) + ")");
    std::setvbuf(f.get(), nullptr, _IOFBF, 1 << 20);
    Reader r(f.get(), path, size);

    char magic[sizeof kMagic];
    if (size < sizeof magic) r.fail("not a maillage graph file (too short)");
    r.raw(magic, sizeof magic);
    if (std::memcmp(magic, kMagic, sizeof magic) != 0)
        r.fail("not a maillage graph file (expected one written by maillage graph build)");
    const auto version = r.value<std::uint32_t>();
    if (version != kGraphFileVersion)
        r.fail("graph file version " + std::to_string(version) + ", this maillage reads version " +
               std::to_string(kGraphFileVersion) + " (rebuild it with maillage graph build)");
    if (r.value<std::uint32_t>() != kByteOrderMark) r.fail("corrupted graph file (byte order mark)");
    const auto n = r.value<std::uint64_t>();
    const auto m = r.value<std::uint64_t>();
    const auto s = r.value<std::uint64_t>();
    const auto p = r.value<std::uint64_t>();
    constexpr std::uint64_t kMax = kInvalid;
    if (n >= kMax || m >= kMax || s >= kMax || p >= kMax) r.fail("corrupted graph file (counts)");
    const std::uint64_t expected = 4 * 8 * n + 2 * 4 * (n + 1) + m * (4 + 4 + 4 + 4 + 1 + 4 + 4 + 4) +
                                   4 * (s + 1) + 2 * 8 * p + 2 * 4 * s;
    if (expected > size) r.fail("truncated graph file (rebuild it with maillage graph build)");

    RoadGraph g;
    g.source = r.string();
    g.profile = r.string();
    g.crs = r.string();
    r.array(g.x, n), r.array(g.y, n), r.array(g.lon, n), r.array(g.lat, n);
    r.array(g.first_out, n + 1), r.array(g.head, m), r.array(g.time_ds, m), r.array(g.length_m, m);
    r.array(g.arc_shape, m), r.array(g.arc_reversed, m);
    r.array(g.first_in, n + 1), r.array(g.tail, m), r.array(g.in_time_ds, m), r.array(g.in_arc, m);
    r.array(g.shape_first, s + 1), r.array(g.shape_x, p), r.array(g.shape_y, p);
    r.array(g.shape_forward_arc, s), r.array(g.shape_backward_arc, s);
    r.finish();

    // validate() names g.source; errors here must name the file instead.
    const std::string source = g.source;
    g.source = path;
    g.validate();
    g.source = source;
    return g;
}

} // namespace maillage::network
