// talash analyze: what the analyzer makes of a text (the team's Hindi debugging tool).
#include <cstdio>
#include <iostream>
#include <iterator>
#include <memory>

#include "analysis/normalize_hindi.h"
#include "analysis/phonetic_key.h"
#include "analysis/split_words.h"
#include "cli/commands.h"
#include "schema/stemmer.h"
#include "schema/terms.h"

namespace talash::cli {
namespace {

const char* script_name(analysis::Script s) {
  switch (s) {
    case analysis::Script::Devanagari: return "deva";
    case analysis::Script::Latin: return "latn";
    case analysis::Script::Number: return "num";
    case analysis::Script::Other: return "other";
  }
  return "other";
}

}  // namespace

Command add_analyze_command(CLI::App& app) {
  struct Args {
    bool terms = false;
    bool keys = false;
    std::string text;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("analyze", "Show tokens, offsets and index terms of a text.");
  cmd->footer("One token per line: position, sentence, [begin,end) byte offsets, original, normalized, script;\n"
              "with --terms also the index terms (word and Z-prefixed stem); with --keys the phonetic keys\n"
              "(strict middle loose, '-' when empty) and the acronym key. TEXT defaults to stdin.");
  cmd->add_flag("--terms", args->terms, "Also print index terms");
  cmd->add_flag("--keys", args->keys, "Also print phonetic and acronym keys");
  cmd->add_option("TEXT", args->text, "Text to analyze");
  return [args]() -> int {
    std::string text = args->text;
    if (text.empty()) text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    if (!analysis::is_valid_utf8(text)) {
      std::cerr << "talash analyze: input is not valid UTF-8\n";
      return kExitFailure;
    }
    Xapian::Stem stemmer = schema::make_stemmer();
    for (const auto& t : analysis::split_words(text)) {
      std::string original = text.substr(t.begin, t.end - t.begin);
      std::printf("%u\ts%u\t[%zu,%zu)\t%s\t%s\t%s", t.position, t.sentence, t.begin, t.end, original.c_str(),
                  t.norm.c_str(), script_name(t.script));
      if (args->terms)
        std::printf("\t%s %s", schema::word_term(t.norm).c_str(), schema::stem_term(t.norm, stemmer).c_str());
      if (args->keys) {
        auto dash = [](const std::string& k) { return k.empty() ? std::string("-") : k; };
        auto keys = analysis::phonetic_keys(t.norm);
        std::printf("\tkeys %s %s %s acronym %s", dash(keys[0]).c_str(), dash(keys[1]).c_str(), dash(keys[2]).c_str(),
                    dash(analysis::acronym_key(t.norm)).c_str());
      }
      std::printf("\n");
    }
    return kExitOk;
  };
}

}  // namespace talash::cli
