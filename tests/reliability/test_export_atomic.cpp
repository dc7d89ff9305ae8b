// Issue 21, item 5: an export is atomic as a whole. A failed re-export
// leaves the previous export untouched (no mix of two dates), a second
// export into a locked folder fails at once, temporaries of dead processes
// are removed, a path too long fails before anything is written, a folder
// of other files is never replaced, and `export` without --out uses the
// scenario's [output] directory.

#include "../support/fixtures.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <fcntl.h>
#include <filesystem>
#include <map>
#include <string>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using maillage::test::read_text;
using maillage::test::TempDir;
using maillage::test::tiny;
using maillage::test::write_text;

namespace fs = std::filesystem;

namespace {

// Every file of a folder (names, hidden ones too) with its bytes.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
    std::map<std::string, std::string> files;
    for (const auto& e : fs::directory_iterator(dir)) files[e.path().filename().string()] = read_text(e.path().string());
    return files;
}

std::vector<std::string> names(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

// The id of a process that has exited (and been reaped): not alive.
pid_t dead_pid() {
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) ::_exit(0);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return pid;
}

maillage::test::CliRun export_to(const std::string& out, std::vector<std::string> extra = {"--no-map"}) {
    std::vector<std::string> args = {"export", tiny("tiny.toml"), "--out", out};
    args.insert(args.end(), extra.begin(), extra.end());
    return maillage::test::run_cli(args);
}

} // namespace

TEST_CASE("export atomic: a re-export that fails leaves the previous export untouched") {
    TempDir dir;
    const auto out = dir.file("out");
    REQUIRE(export_to(out).exit_code == 0);
    const auto before = snapshot(out);
    REQUIRE(before.count("sites.geojson"));
    // A Leaflet folder with leaflet.js only: the export fails at the very
    // end (map.html needs leaflet.css), after every other file of another
    // date and another threshold was written.
    const auto leaflet = dir.file("leaflet");
    fs::create_directory(leaflet);
    write_text(leaflet + "/leaflet.js", "/* not Leaflet */");
    const auto r = export_to(out, {"--as-of", "2024-08-01", "--threshold", "15", "--leaflet", leaflet});
    CHECK(r.exit_code == 1);
    CHECK_CONTAINS(r.err, "leaflet.css");
    CHECK(snapshot(out) == before);
    // Nothing left beside it but the lock file.
    CHECK(names(dir.path()) == std::vector<std::string>{".out.lock", "leaflet", "out"});
}

TEST_CASE("export atomic: a re-export replaces the whole folder (no file of the previous one stays)") {
    TempDir dir;
    REQUIRE(export_to(dir.file("out"), {"--no-map", "--threshold", "15"}).exit_code == 0);
    REQUIRE(fs::exists(dir.file("out/isochrones_15.geojson")));
    REQUIRE(export_to(dir.file("out"), {"--no-map", "--as-of", "2024-08-01"}).exit_code == 0);
    REQUIRE(export_to(dir.file("fresh"), {"--no-map", "--as-of", "2024-08-01"}).exit_code == 0);
    CHECK(snapshot(dir.file("out")) == snapshot(dir.file("fresh")));
    CHECK_FALSE(fs::exists(dir.file("out/isochrones_15.geojson")));
}

TEST_CASE("export atomic: a second export into a folder being exported fails at once, naming the lock") {
    TempDir dir;
    // This test holds the lock as a running export would.
    const auto lock = dir.file(".out.lock");
    const int fd = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    REQUIRE(fd >= 0);
    REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
    REQUIRE(::write(fd, "12345\n", 6) == 6);
    const auto r = export_to(dir.file("out"));
    CHECK(r.exit_code == 1);
    CHECK_CONTAINS(r.err, "maillage: error: " + dir.file("out") +
                              ": another maillage export (process 12345) is writing this folder");
    CHECK_FALSE(fs::exists(dir.file("out")));
    ::close(fd); // the lock is released: the next export runs
    CHECK(export_to(dir.file("out")).exit_code == 0);
    CHECK(fs::exists(dir.file("out/cantons.geojson")));
}

TEST_CASE("export atomic: temporaries of dead processes are removed, those of live ones kept") {
    TempDir dir;
    const std::string dead = std::to_string(dead_pid());
    const std::string alive = std::to_string(::getpid()); // this test: alive, and exporting nothing
    fs::create_directory(dir.file(".out.staging." + dead));
    write_text(dir.file(".out.staging." + dead + "/cantons.geojson"), "half");
    fs::create_directory(dir.file(".out.staging." + alive));
    // A killed `cantons -o` leaves its temporary too.
    write_text(dir.file(".cantons.csv.tmp." + dead), "half");
    write_text(dir.file(".cantons.csv.tmp." + alive), "half");

    REQUIRE(export_to(dir.file("out")).exit_code == 0);
    CHECK_FALSE(fs::exists(dir.file(".out.staging." + dead)));
    CHECK(fs::exists(dir.file(".out.staging." + alive)));
    REQUIRE(maillage::test::run_cli({"cantons", tiny("tiny.toml"), "-o", dir.file("cantons.csv")}).exit_code == 0);
    CHECK_FALSE(fs::exists(dir.file(".cantons.csv.tmp." + dead)));
    CHECK(fs::exists(dir.file(".cantons.csv.tmp." + alive)));
}

TEST_CASE("export atomic: an output path too long fails before anything is written") {
    // ~600 bytes: the GeoJSON files fit, SQLite refuses the GeoPackage.
    TempDir dir;
    fs::path out = dir.path() / "deep";
    while (out.string().size() < 600) out /= std::string(60, 'd');
    const auto r = export_to(out.string());
    CHECK(r.exit_code == 1);
    CHECK_CONTAINS(r.err, "maillage: error: " + out.string() + ": path too long: the path of maillage.gpkg");
    CHECK_FALSE(fs::exists(dir.path() / "deep"));
}

TEST_CASE("export atomic: a folder holding other files is never replaced") {
    TempDir dir;
    const auto out = dir.file("out");
    fs::create_directory(out);
    write_text(out + "/notes.txt", "mine");
    const auto r = export_to(out);
    CHECK(r.exit_code == 1);
    CHECK_CONTAINS(r.err, out + ": holds \"notes.txt\", which maillage export does not write");
    CHECK(names(out) == std::vector<std::string>{"notes.txt"});
}

TEST_CASE("export atomic: without --out, the scenario's [output] directory") {
    TempDir dir;
    for (const std::string name :
         {"tiny.toml", "cantons.geojson", "communes.geojson", "composition.csv", "population.csv", "sites.csv"})
        fs::copy_file(tiny(name), dir.file(name));
    std::string text = read_text(dir.file("tiny.toml"));
    const std::string from = "[output]\n";
    REQUIRE(text.find(from) != std::string::npos);
    text.replace(text.find(from), from.size(), from + "directory = \"exported/35\"\n");
    write_text(dir.file("tiny.toml"), text);
    const auto r = maillage::test::run_cli({"export", dir.file("tiny.toml"), "--no-map"});
    CHECK(r.exit_code == 0);
    CHECK(fs::exists(dir.file("exported/35/cantons.geojson")));
    CHECK(fs::exists(dir.file("exported/35/report.md")));
}
