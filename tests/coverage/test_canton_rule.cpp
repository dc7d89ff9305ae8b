// The canton rule (coverage/canton_rule) on a hand-made territory: a site
// counts for every canton of its commune, strictly only for the canton
// polygon holding its point; closed sites and neighbours do not count.

#include "coverage/canton_rule.hpp"

#include <doctest/doctest.h>

using namespace maillage;

namespace {

Site site(std::string id, SiteFormat format, CommuneId commune, CantonId strict, Date labelled) {
    Site s;
    s.id = std::move(id);
    s.format = format;
    s.commune = commune;
    s.strict_canton = strict;
    s.labelled = labelled;
    return s;
}

Territory territory() {
    Territory t;
    t.cantons.resize(3);
    t.communes.resize(2);
    t.communes[0].cantons = {0};
    t.communes[1].cantons = {0, 1}; // split between cantons 0 and 1
    const Date open{2020, 1, 1};
    t.sites = {site("s2", SiteFormat::fixed, 1, 1, open), site("s1", SiteFormat::bus, 0, kInvalid, open),
               site("later", SiteFormat::fixed, 0, 0, Date{2030, 1, 1}),
               site("away", SiteFormat::fixed, kInvalid, kInvalid, open)};
    t.neighbour_sites = {site("n1", SiteFormat::fixed, 0, 0, open)};
    return t;
}

} // namespace

TEST_CASE("canton rule: open sites per canton, by commune and strictly by polygon") {
    const Territory t = territory();
    const CantonRule r = canton_rule(t, Date{2024, 1, 1});
    REQUIRE(r.cantons.size() == 3);
    CHECK(r.open_sites == 3);
    CHECK(r.open_by_format[static_cast<std::size_t>(SiteFormat::fixed)] == 2);
    CHECK(r.open_by_format[static_cast<std::size_t>(SiteFormat::bus)] == 1);
    CHECK(r.open_sites_outside == std::vector<std::string>{"away"});

    CHECK(r.cantons[0].sites == 2);
    CHECK(r.cantons[0].site_ids == std::vector<std::string>{"s1", "s2"}); // sorted
    CHECK(r.cantons[0].by_format[static_cast<std::size_t>(SiteFormat::bus)] == 1);
    CHECK(r.cantons[0].strict_sites == 0);
    CHECK(r.cantons[0].has_site());
    CHECK_FALSE(r.cantons[0].strict_has_site());

    CHECK(r.cantons[1].sites == 1);
    CHECK(r.cantons[1].strict_sites == 1);
    CHECK(r.cantons[1].strict_has_site());

    CHECK_FALSE(r.cantons[2].has_site());
    CHECK(cantons_without_site(r) == std::vector<CantonId>{2});
    CHECK(cantons_without_site(t, Date{2024, 1, 1}) == std::vector<CantonId>{2});
}

TEST_CASE("canton rule: before any site opens, every canton is without a site") {
    const Territory t = territory();
    const CantonRule r = canton_rule(t, Date{2019, 1, 1});
    CHECK(r.open_sites == 0);
    CHECK(cantons_without_site(r) == std::vector<CantonId>{0, 1, 2});
}
