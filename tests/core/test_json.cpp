#include "core/json.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>

using namespace maillage;
using Layout = JsonWriter::Layout;

TEST_CASE("json_string escapes quotes, backslashes and control characters, passes UTF-8") {
    CHECK(json_string("") == "\"\"");
    CHECK(json_string("Rennes") == "\"Rennes\"");
    CHECK(json_string("a\"b\\c") == "\"a\\\"b\\\\c\"");
    CHECK(json_string("\n\r\t") == "\"\\n\\r\\t\"");
    CHECK(json_string(std::string_view("\x01\x1f\0", 3)) == "\"\\u0001\\u001f\\u0000\"");
    CHECK(json_string("Saint-Aubin-d'Aubigné </script>") == "\"Saint-Aubin-d'Aubigné </script>\"");
}

TEST_CASE("format_real: shortest exact text, no -0, null when not finite") {
    CHECK(format_real(0.1) == "0.1");
    CHECK(format_real(12) == "12");
    CHECK(format_real(-2.5) == "-2.5");
    CHECK(format_real(-0.0) == "0");
    CHECK(format_real(1e21) == "1e+21");
    CHECK(format_real(std::nan("")) == "null");
    CHECK(format_real(INFINITY) == "null");
}

TEST_CASE("JsonWriter: scalars at the top level") {
    CHECK(JsonWriter().integer(42).take() == "42");
    CHECK(JsonWriter().integer(-7LL).take() == "-7");
    CHECK(JsonWriter().integer(std::uint32_t{4294967295u}).take() == "4294967295");
    CHECK(JsonWriter().string("x\"y").take() == "\"x\\\"y\"");
    CHECK(JsonWriter().boolean(true).take() == "true");
    CHECK(JsonWriter().boolean(false).take() == "false");
    CHECK(JsonWriter().null().take() == "null");
    CHECK(JsonWriter().fixed(2.0 / 3, 2).take() == "0.67");
    CHECK(JsonWriter().fixed(-0.001, 1).take() == "0.0"); // never "-0.0"
    CHECK(JsonWriter().fixed(1234.5, 0).take() == "1234"); // printf rounding (half to even here)
    CHECK(JsonWriter().real(0.25).take() == "0.25");
    CHECK(JsonWriter().number("12.5").take() == "12.5");
    CHECK(JsonWriter().raw("{\"a\":1}\n").take() == "{\"a\":1}\n");
}

TEST_CASE("JsonWriter: one-line containers, report and compact styles") {
    JsonWriter w;
    w.begin_object().key("code").string("3501").key("n").integer(3).key("ids").begin_array();
    w.string("a").string("b").end_array().key("sub").begin_object().key("ok").boolean(true).end_object();
    w.key("none").null().key("empty").begin_array().end_array().end_object();
    CHECK(w.done());
    CHECK(w.take() == R"({"code": "3501", "n": 3, "ids": ["a", "b"], "sub": {"ok": true}, "none": null, "empty": []})");

    JsonWriter c(JsonStyle::compact());
    c.begin_object().key("a").begin_array().integer(1).integer(2).end_array().key("b").begin_object().end_object();
    c.end_object();
    CHECK(c.take() == R"({"a":[1,2],"b":{}})");
}

TEST_CASE("JsonWriter: the reports' layout, members and rows on their own lines") {
    JsonWriter w(JsonStyle::report());
    w.begin_object(Layout::lines);
    w.key("territory").string("Ille-et-Vilaine");
    w.key("rows").begin_array(Layout::lines);
    for (int i = 0; i < 2; ++i) w.begin_object().key("i").integer(i).key("x").fixed(i * 1.5, 1).end_object();
    w.end_array();
    w.key("none").begin_array(Layout::lines).end_array();
    w.key("list").begin_array().string("a").end_array();
    w.end_object();
    CHECK(w.take() == "{\n"
                      "  \"territory\": \"Ille-et-Vilaine\",\n"
                      "  \"rows\": [\n"
                      "    {\"i\": 0, \"x\": 0.0},\n"
                      "    {\"i\": 1, \"x\": 1.5}\n"
                      "  ],\n"
                      "  \"none\": [\n"
                      "  ],\n"
                      "  \"list\": [\"a\"]\n"
                      "}");
}

TEST_CASE("JsonWriter: compact lines (GeoJSON features) and lines closed on the last element") {
    JsonWriter g(JsonStyle::compact());
    g.begin_object().key("type").string("FeatureCollection").key("features").begin_array(Layout::lines);
    g.begin_object().key("id").integer(1).end_object();
    g.begin_object().key("id").integer(2).end_object();
    g.end_array().end_object();
    CHECK(g.take() == "{\"type\":\"FeatureCollection\",\"features\":[\n{\"id\":1},\n{\"id\":2}\n]}");

    JsonWriter empty(JsonStyle::compact());
    empty.begin_array(Layout::lines).end_array();
    CHECK(empty.take() == "[\n]");

    JsonWriter m(JsonStyle::compact());
    m.begin_object().key("layers").begin_array(Layout::lines_close_on_last);
    m.raw("{\"a\":1\n}").raw("{\"b\":2\n}");
    m.end_array().end_object();
    CHECK(m.take() == "{\"layers\":[\n{\"a\":1\n},\n{\"b\":2\n}]}");

    JsonWriter none(JsonStyle::compact());
    none.begin_array(Layout::lines_close_on_last).end_array();
    CHECK(none.take() == "[\n]");
}

TEST_CASE("JsonWriter: done, str and reuse after take") {
    JsonWriter w;
    CHECK_FALSE(w.done());
    w.begin_array();
    CHECK_FALSE(w.done());
    w.integer(1);
    CHECK(w.str() == "[1");
    w.end_array();
    CHECK(w.done());
    CHECK(w.take() == "[1]");
    CHECK_FALSE(w.done());
    CHECK(w.str().empty());
    CHECK(w.integer(2).take() == "2");
}
