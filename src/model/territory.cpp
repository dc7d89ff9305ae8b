#include "model/territory.hpp"

namespace maillage {

const char* to_string(SiteFormat format) {
    switch (format) {
    case SiteFormat::fixed: return "fixed";
    case SiteFormat::multi_site: return "multi-site";
    case SiteFormat::bus: return "bus";
    case SiteFormat::itinerant: return "itinerant";
    }
    return "?";
}

} // namespace maillage
