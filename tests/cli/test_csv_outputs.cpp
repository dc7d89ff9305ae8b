// Every CSV maillage writes opens in a spreadsheet and in pandas as is: the
// header on line 1, no comment line, the same number of fields on every
// row; its notes (travel model, demand, date) in a .txt beside it; and
// --csv-locale fr writes ';' and decimal commas for French Excel. Also the
// error lines of the command line and the French input habits end to end.

#include "../support/fixtures.hpp"

#include "report/table.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

using maillage::test::bad;
using maillage::test::read_text;
using maillage::test::TempDir;
using maillage::test::tiny;

namespace {

using Rows = std::vector<std::vector<std::string>>;

// Strict: header on line 1 (not a comment, not blank), every row as wide as
// the header, quotes balanced (parse_csv throws otherwise).
Rows strict_csv(const std::string& text, char sep, const std::string& what) {
    INFO(what << ":\n" << text);
    std::string body = text;
    if (sep == ';') {
        REQUIRE(body.rfind("\xEF\xBB\xBF", 0) == 0); // UTF-8 byte order mark for French Excel
        body.erase(0, 3);
    }
    REQUIRE(!body.empty());
    CHECK(body.front() != '#');
    CHECK(body.find("\n#") == std::string::npos);
    CHECK(body.back() == '\n');
    const Rows rows = maillage::parse_csv(body, sep, what);
    REQUIRE(rows.size() >= 2);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        CAPTURE(i);
        CHECK(rows[i].size() == rows[0].size());
    }
    return rows;
}

bool is_number_with(const std::string& s, char mark) {
    const auto p = s.find(mark);
    if (p == std::string::npos || p == 0 || p + 1 == s.size()) return false;
    for (std::size_t i = s[0] == '-' ? 1 : 0; i < s.size(); ++i)
        if (i != p && !(s[i] >= '0' && s[i] <= '9')) return false;
    return true;
}

// The French file holds the same cells, decimal numbers with a comma.
void check_french_twin(const Rows& c, const Rows& fr) {
    REQUIRE(c.size() == fr.size());
    std::size_t decimals = 0;
    for (std::size_t i = 0; i < c.size(); ++i) {
        REQUIRE(c[i].size() == fr[i].size());
        for (std::size_t j = 0; j < c[i].size(); ++j) {
            std::string expected = c[i][j];
            if (is_number_with(expected, '.')) {
                expected[expected.find('.')] = ',';
                ++decimals;
            }
            CHECK(fr[i][j] == expected);
        }
    }
    MESSAGE(decimals << " decimal numbers");
}

struct CsvCommand {
    std::string what;
    std::vector<std::string> args;
    std::string header_start;
    bool has_decimals;
};

std::vector<CsvCommand> csv_commands() {
    const std::string s = tiny("tiny.toml");
    return {
        {"cantons", {"cantons", s}, "code,name,communes", false},
        {"report by canton", {"report", s}, "code,canton,population,within_20min_pct", true},
        {"report by commune", {"report", s, "--by", "commune"}, "code,commune,population", true},
        {"report by point", {"report", s, "--by", "point"}, "", true},
        {"report --compare", {"report", s, "--as-of", "2024-08-01", "--compare", "01/07/2021"}, "code,canton,population", false},
        {"rank", {"rank", s, "--cantons", "all"}, "canton,canton_name,rank", true},
        {"plan", {"plan", s, "--add", "1"}, "order,candidate,name", true},
    };
}

} // namespace

TEST_CASE("csv outputs: header on line 1, same width on every row, notes beside the file") {
    for (const auto& c : csv_commands()) {
        CAPTURE(c.what);
        auto args = c.args;
        args.insert(args.end(), {"--format", "csv"});
        const auto r = maillage::test::run_cli(args);
        REQUIRE(r.exit_code == 0);
        const auto rows = strict_csv(r.out, ',', c.what);
        if (!c.header_start.empty()) CHECK(r.out.rfind(c.header_start, 0) == 0);

        // -o FILE.csv: the same CSV, and its notes in FILE.txt (file names, no path).
        TempDir dir;
        auto to_file = args;
        to_file.insert(to_file.end(), {"-o", dir.file("out.csv")});
        const auto w = maillage::test::run_cli(to_file);
        REQUIRE(w.exit_code == 0);
        CHECK(read_text(dir.file("out.csv")) == r.out);
        const std::string notes = read_text(dir.file("out.txt"));
        CHECK(notes.rfind("Notes on out.csv\n", 0) == 0);
        CHECK(notes.find(maillage::test::source_path("")) == std::string::npos);
        CHECK(notes.find("File format: UTF-8, ',' between fields") != std::string::npos);
        if (c.what != "cantons") CHECK_CONTAINS(notes, "travel model: crow-fly");

        // --csv-locale fr: ';', decimal commas, same cells.
        auto fr_args = args;
        fr_args.insert(fr_args.end(), {"--csv-locale", "fr"});
        const auto fr = maillage::test::run_cli(fr_args);
        REQUIRE(fr.exit_code == 0);
        check_french_twin(rows, strict_csv(fr.out, ';', c.what + " (fr)"));
        if (c.has_decimals) CHECK(fr.out.find(",") != std::string::npos);
    }
}

TEST_CASE("csv outputs: export writes CSV files a spreadsheet opens, with notes files, in both locales") {
    TempDir dir;
    const auto out_c = dir.file("c"), out_fr = dir.file("fr");
    REQUIRE(maillage::test::run_cli({"-q", "export", tiny("tiny.toml"), "--out", out_c, "--no-map"}).exit_code == 0);
    REQUIRE(maillage::test::run_cli({"-q", "export", tiny("tiny.toml"), "--out", out_fr, "--no-map", "--csv-locale",
                                     "fr"})
                .exit_code == 0);
    for (const std::string name : {"report-cantons", "report-communes", "accessibility"}) {
        CAPTURE(name);
        const auto c = strict_csv(read_text(out_c + "/" + name + ".csv"), ',', name);
        const auto fr = strict_csv(read_text(out_fr + "/" + name + ".csv"), ';', name + " (fr)");
        check_french_twin(c, fr);
        const std::string notes = read_text(out_c + "/" + name + ".txt");
        CHECK(notes.rfind("Notes on " + name + ".csv\n", 0) == 0);
        CHECK_CONTAINS(notes, "travel model: crow-fly");
        CHECK_CONTAINS(notes, "sites open on: 2021-07-01");
        CHECK_CONTAINS(notes, "demand: ");
        CHECK(notes.find(maillage::test::source_path("")) == std::string::npos);
        CHECK_CONTAINS(read_text(out_fr + "/" + name + ".txt"), "';' between fields, decimal comma");
    }
}

TEST_CASE("csv locale: an unknown locale is a usage error") {
    const auto r = maillage::test::run_cli({"cantons", tiny("tiny.toml"), "--format", "csv", "--csv-locale", "de"});
    CHECK(r.exit_code == 2);
    CHECK_STARTS_WITH(r.err, "maillage: error: --csv-locale");
}

TEST_CASE("cli errors: every line starts with 'maillage: error:'") {
    const std::string s = tiny("tiny.toml");
    struct Case {
        std::vector<std::string> args;
        int exit_code;
        std::string first_line;
    };
    const std::vector<Case> cases = {
        {{"report", s, "--as-of", "2021-13-01"}, 2,
         "maillage: error: --as-of: \"2021-13-01\": month 13 does not exist (expected YYYY-MM-DD or DD/MM/YYYY, "
         "e.g. 2021-07-01 or 01/07/2021) (run with --help for the options and an example)"},
        {{"cantons", s, "--as-of", "07/31/2021"}, 2,
         "maillage: error: --as-of: \"07/31/2021\": month 31 does not exist (day first: DD/MM/YYYY) (expected "
         "YYYY-MM-DD or DD/MM/YYYY, e.g. 2021-07-01 or 01/07/2021) (run with --help for the options and an example)"},
        {{"report", s, "--compare", "31/02/2021"}, 2,
         "maillage: error: --compare \"31/02/2021\": day 31 does not exist in 2021-02 (expected YYYY-MM-DD or "
         "DD/MM/YYYY, e.g. 2021-07-01 or 01/07/2021)"},
        {{"cantons", s, "--bogus"}, 2, "maillage: error: The following argument was not expected: --bogus (run with --help for the options and "
         "an example)"},
        {{"cantons", bad("misspelt-key.toml")}, 1,
         "maillage: error: " + bad("misspelt-key.toml") +
             ": line 11: unknown key 'cantons.code_feild' (did you mean 'code_field'?)"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.args.back());
        const auto r = maillage::test::run_cli(c.args);
        CHECK(r.exit_code == c.exit_code);
        CHECK(r.out.empty());
        CHECK(r.err.substr(0, r.err.find('\n')) == c.first_line);
        std::size_t start = 0;
        while (start < r.err.size()) {
            CHECK_STARTS_WITH(r.err.substr(start), "maillage: error: ");
            start = r.err.find('\n', start) + 1;
            if (start == 0) break;
        }
    }
    // The misspelt key, then the required key it hides, each on its own line.
    const auto r = maillage::test::run_cli({"cantons", bad("misspelt-key.toml")});
    CHECK_CONTAINS(r.err, "\nmaillage: error: " + bad("misspelt-key.toml") +
                              ": line 9: missing required key 'cantons.code_field'\n");
}

TEST_CASE("french input: --as-of DD/MM/YYYY, and a Windows-1252 CSV with decimal commas, give the same table") {
    const auto iso = maillage::test::run_cli({"cantons", tiny("tiny.toml"), "--as-of", "2024-08-01", "--format", "csv"});
    const auto fr = maillage::test::run_cli({"cantons", tiny("tiny.toml"), "--as-of", "01/08/2024", "--format", "csv"});
    REQUIRE(iso.exit_code == 0);
    REQUIRE(fr.exit_code == 0);
    CHECK(fr.out == iso.out);
    CHECK(iso.out == read_text(tiny("expected-cantons-2024.csv")));

    const auto french = maillage::test::source_path("tests/data/french/tiny-fr.toml");
    const auto r = maillage::test::run_cli({"cantons", french, "--format", "csv"});
    REQUIRE(r.exit_code == 0);
    CHECK(r.out == read_text(tiny("expected-cantons.csv")));
    const auto report_fr = maillage::test::run_cli({"report", french, "--format", "csv"});
    const auto report = maillage::test::run_cli({"report", tiny("tiny.toml"), "--format", "csv"});
    REQUIRE(report_fr.exit_code == 0);
    CHECK(report_fr.out == report.out);
}
