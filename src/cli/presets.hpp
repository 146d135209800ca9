#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "clipdown/options.hpp"

namespace clipdown::cli {

/// What a site generator or notes app expects of a converted page: the front-matter syntax,
/// its key names and shapes, and how output files are named under -o DIR.
struct Preset {
  std::string name;                               ///< --preset NAME
  FrontMatter front_matter = FrontMatter::yaml;   ///< unless --front-matter is given
  FrontMatterDialect dialect;                     ///< key names, shapes, constant keys
  BodyTemplates templates = BodyTemplates::none;  ///< shortcode syntax made inert in the body
  std::string name_template;                      ///< unless --name is given
  std::string name_template_undated;              ///< for inputs with no date ("": name_template)
};

/// Every preset, in --help order.
const std::vector<Preset>& presets();

/// The preset called `name` (exact, lowercase), or nullptr.
const Preset* find_preset(std::string_view name);

}  // namespace clipdown::cli
