// Issue 21, item 3: inputs that are not regular files, and size caps applied
// while reading. A FIFO used to block forever, /dev/zero to grow without
// bound, a 1 GB scenario to be read whole before being refused.

#include "../support/fixtures.hpp"

#include "core/error.hpp"
#include "core/file.hpp"
#include "geo/vector_layer.hpp"
#include "io/scenario.hpp"
#include "io/schedule_reader.hpp"
#include "network/profile.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <fcntl.h>
#include <filesystem>
#include <string>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace maillage;
using maillage::test::message_of;
using maillage::test::read_text;
using maillage::test::TempDir;
using maillage::test::tiny;
using maillage::test::write_text;

namespace {

// Runs `read` (which must throw) on a thread while this one keeps opening and
// closing the FIFO for writing: a reader that opened the FIFO and waits for
// data (the behaviour before the fix) then sees the end of the file and
// returns, so the test cannot hang whatever the code under test does.
template <class Fn>
std::string message_reading_fifo(const std::string& fifo, Fn&& read) {
    std::atomic<bool> done{false};
    std::string message = "(no exception)";
    std::thread reader([&] {
        try {
            read();
        } catch (const std::exception& e) {
            message = e.what();
        }
        done = true;
    });
    while (!done) {
        const int fd = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd >= 0) ::close(fd);
        ::usleep(1000);
    }
    reader.join();
    return message;
}

std::string make_fifo(const TempDir& dir, const std::string& name) {
    const auto path = dir.file(name);
    REQUIRE(::mkfifo(path.c_str(), 0600) == 0);
    return path;
}

} // namespace

TEST_CASE("reliability: a FIFO where a file is expected is refused, never waited on") {
    TempDir dir;
    SUBCASE("a schedule") {
        const auto fifo = make_fifo(dir, "bus.toml");
        const auto msg = message_reading_fifo(fifo, [&] { read_schedule(fifo); });
        CHECK(msg == fifo + ": is a named pipe (FIFO), expected a schedule file (maillage reads only regular files)");
    }
    SUBCASE("the scenario") {
        const auto fifo = make_fifo(dir, "scenario.toml");
        const auto msg = message_reading_fifo(fifo, [&] { load_scenario(fifo); });
        CHECK_STARTS_WITH(msg, fifo + ": is a named pipe (FIFO), expected a scenario file");
    }
    SUBCASE("a profile") {
        const auto fifo = make_fifo(dir, "car.toml");
        const auto msg = message_reading_fifo(fifo, [&] { network::load_profile(fifo); });
        CHECK_STARTS_WITH(msg, fifo + ": is a named pipe (FIFO), expected a profile file");
    }
    SUBCASE("a layer opened by GDAL (sites CSV)") {
        const auto fifo = make_fifo(dir, "sites.csv");
        geo::LayerSpec spec;
        spec.path = fifo;
        spec.x_field = "longitude";
        spec.y_field = "latitude";
        const auto msg = message_reading_fifo(fifo, [&] { geo::read_layer(spec, geo::ReadOptions{}); });
        CHECK_STARTS_WITH(msg, fifo + ": is a named pipe (FIFO)");
    }
}

TEST_CASE("reliability: a device where a file is expected is refused (/dev/null, /dev/zero)") {
    // /dev/null reads as an empty file (accepted as an empty schedule before
    // the fix); /dev/zero never ends (only the cap stopped it, 40 MB/s).
    // Neither is opened for reading now.
    CHECK(message_of<InputError>([] { read_schedule("/dev/null"); }) ==
          "/dev/null: is a character device, expected a schedule file (maillage reads only regular files)");
    CHECK(message_of<InputError>([] { read_schedule("/dev/zero"); }) ==
          "/dev/zero: is a character device, expected a schedule file (maillage reads only regular files)");
    CHECK_STARTS_WITH(message_of<InputError>([] { load_scenario("/dev/null"); }),
                      "/dev/null: is a character device, expected a scenario file");
}

TEST_CASE("reliability: a scenario larger than kMaxScenarioBytes is refused, whatever it holds") {
    // A valid scenario padded with comments: read whole and accepted before.
    TempDir dir;
    const std::string base = read_text(tiny("tiny.toml"));
    std::string text = base;
    const auto path = dir.file("big.toml");
    const std::string comment = "# padding\n";
    while (text.size() <= kMaxScenarioBytes) text += comment;
    write_text(path, text);
    const auto msg = message_of<InputError>([&] { load_scenario(path); });
    CHECK(msg == path + ": scenario file larger than " + std::to_string(kMaxScenarioBytes) +
                     " bytes, the most maillage reads (a scenario names its inputs in a few kilobytes: is it "
                     "the right file?)");
    // One byte under the cap is read (the cap itself is not the problem).
    text.resize(kMaxScenarioBytes);
    text.back() = '\n';
    write_text(path, text);
    CHECK(load_scenario(path).name == "Tiny");
}

TEST_CASE("reliability: read_text_file stops at the cap while reading, not from the declared size") {
    // Files of /proc declare a size of 0 and hold more: the cap must hold
    // while reading (at most cap + 1 bytes are read).
    struct stat st {};
    REQUIRE(::stat("/proc/self/status", &st) == 0);
    REQUIRE(st.st_size == 0);
    const auto msg = message_of<InputError>([] { read_text_file("/proc/self/status", "status file", 16); });
    CHECK(msg == "/proc/self/status: status file larger than 16 bytes, the most maillage reads");
    const std::string whole = read_text_file("/proc/self/status", "status file", 1u << 20);
    CHECK(whole.rfind("Name:", 0) == 0);

    TempDir dir;
    write_text(dir.file("a.txt"), std::string(100, 'a'));
    CHECK(read_text_file(dir.file("a.txt"), "text file", 100).size() == 100);
    CHECK(message_of<InputError>([&] { read_text_file(dir.file("a.txt"), "text file", 99); }) ==
          dir.file("a.txt") + ": text file larger than 99 bytes, the most maillage reads");
}
