// talash ner / talash ner-train: the trained named-entity tagger
// (entities/ner_model.h) on CoNLL files or plain text, and its training.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/normalize_hindi.h"
#include "analysis/split_words.h"
#include "cli/commands.h"
#include "entities/entity_linker.h"
#include "entities/ner_clusters.h"
#include "entities/ner_corpus.h"
#include "entities/ner_model.h"
#include "entities/ner_scorer.h"
#include "entities/ner_trainer.h"

namespace talash::cli {
namespace {

using Clock = std::chrono::steady_clock;
using entities::NerModel;
using entities::NerTag;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// The whole of FILE, or stdin for "-". False when it cannot be read.
bool slurp(const std::string& path, std::string& out) {
  if (path == "-") {
    out.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    return true;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream buffer;
  buffer << in.rdbuf();
  out = buffer.str();
  return !in.bad();
}

// The model of --model FILE (into `owned`), or the built-in one; nullptr after an error.
const NerModel* load_model(const std::string& path, const char* who, std::unique_ptr<NerModel>& owned) {
  if (path.empty()) return &NerModel::builtin();
  std::string bytes;
  if (!slurp(path, bytes)) {
    std::cerr << who << ": cannot read " << path << "\n";
    return nullptr;
  }
  auto model = NerModel::load(bytes);
  if (!model) {
    std::cerr << who << ": " << path << ": " << model.error() << "\n";
    return nullptr;
  }
  owned = std::make_unique<NerModel>(std::move(*model));
  return owned.get();
}

struct NerArgs {
  std::string conll;
  std::string model;
  bool score = false;
  bool link = false;
  std::string text;
};

// --conll FILE --link: the whole entity pipeline of indexing (gazetteer,
// tagger, linker), document by document ("# doc=ID" comment lines group
// sentences; without them the file is one document), so bare names link to
// full names as in an article. Writes token<TAB>tag<TAB>entity-id ("_" for
// none), echoing comment and blank lines: bench/linking_eval.py reads it.
int run_conll_link(const NerArgs& args, const NerModel& model) {
  std::string input;
  if (!slurp(args.conll, input)) {
    std::cerr << "talash ner: cannot read " << args.conll << "\n";
    return kExitFailure;
  }
  struct Line {
    std::string text;   // the whole line for comments and blanks
    std::string token;  // first column of a token line
    std::size_t begin = 0, end = 0;  // the token's bytes in its document's text
    bool is_token = false;
  };
  std::vector<Line> lines;
  for (std::size_t pos = 0; pos < input.size();) {
    std::size_t eol = input.find('\n', pos);
    if (eol == std::string::npos) eol = input.size();
    Line l;
    l.text = input.substr(pos, eol - pos);
    if (!l.text.empty() && l.text.back() == '\r') l.text.pop_back();
    l.is_token = !l.text.empty() && l.text[0] != '#';
    if (l.is_token) l.token = l.text.substr(0, l.text.find('\t'));
    lines.push_back(std::move(l));
    pos = eol + 1;
  }
  entities::EntityLinker linker(entities::Gazetteer::builtin(), &model);
  std::vector<std::string> tags(lines.size(), "O"), ids(lines.size(), "_");
  std::string doc_id;
  std::size_t start = 0;
  auto flush = [&](std::size_t stop) {
    // Document text: tokens joined by spaces, sentences by line breaks.
    std::string text;
    std::vector<std::size_t> token_lines;
    bool new_sentence = false;
    for (std::size_t k = start; k < stop; ++k) {
      if (!lines[k].is_token) {
        new_sentence = !text.empty();
        continue;
      }
      if (!text.empty()) text += new_sentence ? "\n" : " ";
      new_sentence = false;
      lines[k].begin = text.size();
      text += lines[k].token;
      lines[k].end = text.size();
      token_lines.push_back(k);
    }
    if (token_lines.empty()) return;
    auto tokens = analysis::split_words(text);
    // Which input line each analysed token starts in (tokens that do not start
    // a line, e.g. a glued script change, belong to the line they fall in).
    std::vector<std::size_t> line_of(tokens.size());
    std::size_t li = 0;
    for (std::size_t t = 0; t < tokens.size(); ++t) {
      while (li + 1 < token_lines.size() && lines[token_lines[li + 1]].begin <= tokens[t].begin) ++li;
      line_of[t] = token_lines[li];
    }
    entities::EntityLinker::Part part{text, &tokens, nullptr};
    auto result = linker.link_mentions(std::span<const entities::EntityLinker::Part>(&part, 1));
    for (const auto& m : result.mentions) {
      const auto& e = result.entities[m.entity];
      const char* type = e.type == entities::EntityType::Person ? "PER" : e.type == entities::EntityType::Place ? "LOC" : "ORG";
      std::size_t prev_line = static_cast<std::size_t>(-1);
      for (std::size_t t = m.first_token; t <= m.last_token; ++t) {
        std::size_t k = line_of[t];
        if (k == prev_line) continue;
        tags[k] = std::string(t == m.first_token ? "B-" : "I-") + type;
        ids[k] = e.id;
        prev_line = k;
      }
    }
  };
  for (std::size_t k = 0; k < lines.size(); ++k) {
    if (lines[k].text.starts_with("# doc=")) {
      std::string id = lines[k].text.substr(6, lines[k].text.find(' ', 6) - 6);
      if (id != doc_id) {
        flush(k);
        start = k;
        doc_id = id;
      }
    }
  }
  flush(lines.size());
  std::string out;
  for (std::size_t k = 0; k < lines.size(); ++k) {
    if (!lines[k].is_token) {
      if (k + 1 == lines.size() && lines[k].text.empty()) break;  // the final newline
      out += lines[k].text + "\n";
      continue;
    }
    out += lines[k].token + "\t" + tags[k] + "\t" + ids[k] + "\n";
  }
  std::cout << out;
  return kExitOk;
}

// CoNLL in, CoNLL out: every input line gives one output line (a token line
// "token<TAB>tag", a blank line a blank line).
int run_conll(const NerArgs& args, const NerModel& model) {
  std::string input;
  if (!slurp(args.conll, input)) {
    std::cerr << "talash ner: cannot read " << args.conll << "\n";
    return kExitFailure;
  }
  if (!analysis::is_valid_utf8(input)) {
    std::cerr << "talash ner: " << args.conll << " is not valid UTF-8\n";
    return kExitFailure;
  }
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start < input.size();) {
    std::size_t end = input.find('\n', start);
    if (end == std::string::npos) end = input.size();
    lines.push_back(std::string_view(input).substr(start, end - start));
    start = end + 1;
  }
  std::string out;
  out.reserve(input.size());
  entities::NerScorer scorer;
  std::size_t sentences = 0, tokens_total = 0;
  double tag_seconds = 0;
  const auto start_all = Clock::now();

  std::vector<std::string_view> words;
  std::vector<std::string> norms;
  std::vector<NerTag> gold;
  bool gold_ok = args.score;
  std::vector<entities::NerToken> tokens;
  std::vector<NerTag> tags;
  auto flush = [&] {
    if (words.empty()) return;
    tokens.resize(words.size());
    for (std::size_t i = 0; i < words.size(); ++i) tokens[i] = {.norm = norms[i], .original = words[i]};
    const auto t0 = Clock::now();
    model.tag(tokens, tags);
    tag_seconds += seconds_since(t0);
    for (std::size_t i = 0; i < words.size(); ++i)
      out.append(words[i]).append("\t").append(to_string(tags[i])).append("\n");
    if (gold_ok) scorer.add(gold, tags);
    ++sentences;
    tokens_total += words.size();
    words.clear();
    norms.clear();
    gold.clear();
  };
  for (std::size_t k = 0; k < lines.size(); ++k) {
    std::string_view line = lines[k];
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) {
      flush();
      out += '\n';
      continue;
    }
    const std::string_view word = line.substr(0, line.find('\t'));
    if (word.empty()) {
      std::cerr << "talash ner: " << args.conll << ":" << k + 1 << ": empty token\n";
      return kExitFailure;
    }
    words.push_back(word);
    norms.push_back(analysis::normalize_hindi(word));
    if (gold_ok) {
      const auto tab = line.rfind('\t');
      const auto tag =
          tab == std::string_view::npos ? std::nullopt : entities::ner_tag_from_string(line.substr(tab + 1));
      if (tag) {
        gold.push_back(*tag);
      } else {
        std::cerr << "talash ner: --score: " << args.conll << ":" << k + 1
                  << ": no gold tag in the last column; not scoring\n";
        gold_ok = false;
      }
    }
  }
  flush();
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  std::fprintf(stderr, "sentences=%zu tokens=%zu tag_s=%.3f tokens_per_s=%.0f total_s=%.3f\n", sentences, tokens_total,
               tag_seconds, tag_seconds > 0 ? tokens_total / tag_seconds : 0.0, seconds_since(start_all));
  if (gold_ok) std::cerr << scorer.report();
  return kExitOk;
}

// Plain text: one mention per line, "type<TAB>[begin,end)<TAB>text".
int run_text(const NerArgs& args, const NerModel& model) {
  std::string text = args.text;
  if (text.empty()) text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  if (!analysis::is_valid_utf8(text)) {
    std::cerr << "talash ner: input is not valid UTF-8\n";
    return kExitFailure;
  }
  const auto tokens = analysis::split_words(text);
  for (const entities::NerSpan& s : model.find(text, tokens)) {
    const std::size_t begin = tokens[s.first_token].begin, end = tokens[s.last_token].end;
    std::printf("%s\t[%zu,%zu)\t%s\n", std::string(to_string(s.type)).c_str(), begin, end,
                text.substr(begin, end - begin).c_str());
  }
  return kExitOk;
}

}  // namespace

Command add_ner_command(CLI::App& app) {
  auto args = std::make_shared<NerArgs>();
  auto* cmd = app.add_subcommand("ner", "Find people, places and organisations with the trained tagger.");
  cmd->footer(
      "With --conll FILE ('-' for stdin): reads one token per line (token<TAB>anything, or the token alone),\n"
      "a blank line between sentences, and writes token<TAB>tag for every token line (tags O, B-/I-PER,\n"
      "B-/I-LOC, B-/I-ORG) and a blank line for every blank line: the output has as many lines as the input.\n"
      "With --score, the last column of the input is the gold tag and entity-level P/R/F1 go to stderr.\n"
      "Without --conll: TEXT (or stdin) is split like documents are, and each mention is printed as\n"
      "type<TAB>[begin,end)<TAB>text with byte offsets (type person, place or org).\n"
      "stderr ends with sentences=N tokens=N tag_s=S tokens_per_s=X total_s=S (CoNLL mode).\n"
      "The built-in model is entities/data/ner_model.bin (see entities/data/ner_model.md).");
  cmd->add_option("--conll", args->conll, "Tag a CoNLL file ('-' = stdin)");
  cmd->add_option("--model", args->model, "Model file from `talash ner-train` (default: the built-in model)");
  cmd->add_flag("--score", args->score, "CoNLL mode: score against the gold tags in the last column");
  cmd->add_flag("--link", args->link,
                "CoNLL mode: run the whole entity pipeline (gazetteer, tagger, linker) per '# doc=' group and "
                "write token<TAB>tag<TAB>entity-id, for bench/linking_eval.py");
  cmd->add_option("TEXT", args->text, "Text to tag (default: stdin)");
  return [args]() -> int {
    std::unique_ptr<NerModel> owned;
    const NerModel* model = load_model(args->model, "talash ner", owned);
    if (!model) return kExitFailure;
    if (args->conll.empty()) return run_text(*args, *model);
    return args->link ? run_conll_link(*args, *model) : run_conll(*args, *model);
  };
}

Command add_ner_train_command(CLI::App& app) {
  struct Args {
    std::vector<std::string> train;
    std::string dev;
    std::string out;
    entities::NerTrainOptions options;
    bool no_gazetteer = false, no_bigrams = false, no_context2 = false, no_shape = false, no_acronym = false,
         stem = false;
    int affixes = 4, ngrams = 0;
    std::vector<std::string> lexicons;
    std::string algorithm = "perceptron";
    std::string members;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("ner-train", "Train the named-entity tagger (averaged perceptron).");
  cmd->footer(
      "Reads CoNLL files (token<TAB>tag, blank line between sentences; tags O, B-/I-PER, B-/I-LOC, B-/I-ORG),\n"
      "trains for up to --epochs epochs over a shuffle seeded with --seed, and writes the model to --out.\n"
      "With --dev, the averaged model is scored on FILE after every epoch and the best epoch is kept (dev data\n"
      "chooses the epoch only; it is never trained on). Progress and scores go to stderr.\n"
      "The same inputs and options give a byte-identical model. bench/ner_train runs the command that made\n"
      "the built-in model.\n"
      "Example: talash ner-train --train ilner-train.conll --dev ilner-dev.conll --out model.bin");
  cmd->add_option("--train", args->train, "Training data (CoNLL); several files are concatenated")
      ->required()
      ->expected(1, -1);
  cmd->add_option("--dev", args->dev, "Development data (CoNLL) to choose the epoch on");
  cmd->add_option("--out", args->out, "Where to write the model")->required();
  cmd->add_option("--epochs", args->options.epochs, "Most epochs to train")
      ->check(CLI::Range(1, 2000))
      ->capture_default_str();
  cmd->add_option("--seed", args->options.seed, "Seed of the per-epoch shuffle")->capture_default_str();
  cmd->add_option("--min-count", args->options.min_count, "Drop features seen fewer times in the training data")
      ->capture_default_str();
  cmd->add_option("--min-weight", args->options.min_weight,
                  "Drop features whose averaged weights are all below this magnitude")
      ->capture_default_str();
  cmd->add_option("--affixes", args->affixes, "Prefixes and suffixes of 1..N code points")
      ->check(CLI::Range(0, 4))
      ->capture_default_str();
  cmd->add_option("--lexicon", args->lexicons,
                  "NAME=FILE: a word list for features (word or word<TAB>values per line), stored in the model")
      ->expected(1, -1);
  cmd->add_option("--algorithm", args->algorithm,
                  "perceptron (averaged, --epochs passes) or crf (L-BFGS/OWL-QN, --epochs iterations)")
      ->check(CLI::IsMember({"perceptron", "crf"}))
      ->capture_default_str();
  cmd->add_option("--c1", args->options.c1, "CRF: L1 penalty (sparse weights)")->capture_default_str();
  cmd->add_option("--c2", args->options.c2, "CRF: L2 penalty")->capture_default_str();
  cmd->add_option("--eval-every", args->options.eval_every, "CRF: score --dev every N iterations")
      ->capture_default_str();
  cmd->add_option("--threads", args->options.threads, "CRF: threads for the gradient (same result for any N)")
      ->capture_default_str();
  cmd->add_option("--margin", args->options.margin, "Perceptron: cost added to wrong tags when decoding training data")
      ->capture_default_str();
  cmd->add_option("--gazetteer-holdout", args->options.gazetteer_holdout,
                  "Share of the gazetteer's entities hidden from the training sentences' features (seeded by --seed; "
                  "dev data and the model see them all), so names are also learned from their context")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--members", args->members,
                  "Train an ensemble that votes (a mention found by most members is kept): one letter per member, "
                  "f = left to right, r = right to left (overrides --reverse); member k gets seed --seed + k. Example: frr")
      ->check([](const std::string& v) {
        return v.size() >= 2 && v.size() <= 15 && v.find_first_not_of("fr") == std::string::npos
                   ? std::string()
                   : std::string("expected 2 to 15 letters f or r");
      });
  cmd->add_flag("--reverse", args->options.reverse,
                "Right to left: decode from the last token (the model learns where mentions end)");
  cmd->add_flag("--second-order", args->options.second_order,
                "Also score tag trigrams (the two previous tags), decoded with second-order Viterbi");
  cmd->add_flag("--no-gazetteer", args->no_gazetteer, "Without gazetteer features (for comparison)");
  cmd->add_flag("--no-bigrams", args->no_bigrams, "Without word-bigram features");
  cmd->add_flag("--no-context2", args->no_context2, "Without the words two positions away");
  cmd->add_flag("--no-shape", args->no_shape, "Without word-shape and length features");
  cmd->add_flag("--no-acronym", args->no_acronym, "Without the acronym features (words spelling Latin letter names)");
  cmd->add_flag("--stem", args->stem, "With the light stem of each word as a feature");
  cmd->add_option("--ngrams", args->ngrams, "With character n-grams of this length (0 = none)")
      ->check(CLI::Range(0, 5))
      ->capture_default_str();
  return [args]() -> int {
    auto read = [](const std::string& path, std::vector<entities::NerSentence>& into) {
      std::string text;
      if (!slurp(path, text)) {
        std::cerr << "talash ner-train: cannot read " << path << "\n";
        return false;
      }
      auto sentences = entities::read_conll(text, true, path);
      if (!sentences) {
        std::cerr << "talash ner-train: " << sentences.error() << "\n";
        return false;
      }
      std::cerr << path << ": " << sentences->size() << " sentences\n";
      for (auto& s : *sentences) into.push_back(std::move(s));
      return true;
    };
    std::vector<entities::NerSentence> train, dev;
    for (const auto& path : args->train)
      if (!read(path, train)) return kExitFailure;
    if (!args->dev.empty() && !read(args->dev, dev)) return kExitFailure;

    entities::NerTrainOptions options = args->options;
    for (const std::string& spec : args->lexicons) {
      const auto eq = spec.find('=');
      std::string text;
      if (eq == std::string::npos || !slurp(spec.substr(eq + 1), text)) {
        std::cerr << "talash ner-train: --lexicon " << spec << ": expected NAME=FILE with a readable FILE\n";
        return kExitUsage;
      }
      auto lexicon = entities::NerLexicon::from_tsv(spec.substr(0, eq), text);
      if (!lexicon) {
        std::cerr << "talash ner-train: " << lexicon.error() << "\n";
        return kExitUsage;
      }
      std::cerr << "lexicon " << lexicon->name() << ": " << lexicon->size() << " words\n";
      options.lexicons.push_back(std::move(*lexicon));
    }
    options.features.gazetteer = !args->no_gazetteer;
    options.features.bigrams = !args->no_bigrams;
    options.features.context2 = !args->no_context2;
    options.features.shape = !args->no_shape;
    options.features.affixes = static_cast<std::uint8_t>(args->affixes);
    options.features.acronym = !args->no_acronym;
    options.features.stem = args->stem;
    options.features.ngrams = static_cast<std::uint8_t>(args->ngrams);
    const bool crf = args->algorithm == "crf";
    options.algorithm = crf ? entities::NerAlgorithm::Crf : entities::NerAlgorithm::Perceptron;
    std::string info = "talash ner-train";
    for (const auto& path : args->train) info += " --train " + path;
    if (!args->dev.empty()) info += " --dev " + args->dev;
    info += " --epochs " + std::to_string(options.epochs) + " --seed " + std::to_string(options.seed) +
            " --min-count " + std::to_string(options.min_count);
    if (options.min_weight > 0) {
      std::ostringstream w;
      w << options.min_weight;
      info += " --min-weight " + w.str();
    }
    if (args->affixes != 4) info += " --affixes " + std::to_string(args->affixes);
    if (args->no_gazetteer) info += " --no-gazetteer";
    if (args->no_bigrams) info += " --no-bigrams";
    if (args->no_context2) info += " --no-context2";
    if (args->no_shape) info += " --no-shape";
    if (args->no_acronym) info += " --no-acronym";
    if (args->stem) info += " --stem";
    if (args->ngrams) info += " --ngrams " + std::to_string(args->ngrams);
    for (const std::string& spec : args->lexicons) info += " --lexicon " + spec;
    if (options.margin) info += " --margin " + std::to_string(options.margin);
    if (options.gazetteer_holdout > 0) {
      std::ostringstream h;
      h << " --gazetteer-holdout " << options.gazetteer_holdout;
      info += h.str();
    }
    if (options.second_order) info += " --second-order";
    if (options.reverse) info += " --reverse";
    if (crf) {
      std::ostringstream c;
      c << " --algorithm crf --c1 " << options.c1 << " --c2 " << options.c2 << " --eval-every " << options.eval_every;
      info += c.str();
    }
    options.info = info;

    const auto start = Clock::now();
    const int members = args->members.empty() ? 1 : static_cast<int>(args->members.size());
    std::vector<NerModel> models;
    for (int k = 0; k < members; ++k) {
      entities::NerTrainOptions member = options;
      member.seed = options.seed + static_cast<std::uint64_t>(k);
      std::string member_info = info;
      if (members > 1) {
        member.reverse = args->members[static_cast<std::size_t>(k)] == 'r';
        const std::string from = " --seed " + std::to_string(options.seed);
        member_info.replace(member_info.find(from), from.size(), " --seed " + std::to_string(member.seed));
        if (member.reverse && !options.reverse) member_info += " --reverse";
        if (const auto at = member_info.find(" --reverse"); !member.reverse && at != std::string::npos)
          member_info.erase(at, std::string_view(" --reverse").size());
        member.info = member_info;
        std::fprintf(stderr, "member %d of %d (seed %llu, %s)\n", k + 1, members,
                     static_cast<unsigned long long>(member.seed), member.reverse ? "right to left" : "left to right");
      }
      auto result = entities::NerTrainer(member).train(train, dev, [&](const entities::NerEpochReport& r) {
        if (crf)
          std::fprintf(stderr, "iteration %3d  objective %12.2f  features %7zu", r.epoch, r.objective, r.features);
        else
          std::fprintf(stderr, "epoch %2d  mistakes %6zu  features %7zu", r.epoch, r.mistakes, r.features);
        if (!dev.empty())
          std::fprintf(stderr, "  dev P %6.2f R %6.2f F1 %6.2f (unquantized %6.2f)", r.dev.precision(),
                       r.dev.recall(), r.dev.f1(), r.dev_unquantized.f1());
        std::fprintf(stderr, "  %.1fs\n", r.seconds);
      });
      const std::string epochs = std::to_string(result.epoch);
      std::fprintf(stderr, "features: %zu distinct, %zu seen >= %u times, %zu in the model; epoch %s kept\n",
                   result.feature_candidates, result.features_trained, options.min_count,
                   result.model.feature_count(), epochs.c_str());
      if (!dev.empty()) {
        const auto scorer = entities::ner_evaluate(result.model, dev);
        std::cerr << "dev (" << args->dev << "), epoch " << epochs << ":\n" << scorer.report();
        char f1[32];
        std::snprintf(f1, sizeof f1, "%.2f", scorer.overall().f1());
        member_info += "; kept epoch " + epochs + ", dev F1 " + f1;
        // The provenance line records the kept epoch and its dev score.
        auto parts = result.model.parts();
        parts.info = member_info;
        result.model = NerModel(std::move(parts));
      }
      models.push_back(std::move(result.model));
    }
    NerModel model;
    if (members == 1) {
      model = std::move(models[0]);
    } else {
      // The ensemble's provenance line records its own dev score too.
      const std::string ensemble_info = info + " --members " + args->members;
      model = NerModel::ensemble(std::move(models), ensemble_info);
      if (!dev.empty()) {
        const auto scorer = entities::ner_evaluate(model, dev);
        std::cerr << "dev (" << args->dev << "), ensemble of " << members << " (mentions found by most members):\n"
                  << scorer.report();
        char f1[32];
        std::snprintf(f1, sizeof f1, "%.2f", scorer.overall().f1());
        model = NerModel::ensemble(model.members(), ensemble_info + "; dev F1 " + f1);
      }
    }
    const std::string bytes = model.save();
    std::ofstream out(args->out, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
      std::cerr << "talash ner-train: cannot write " << args->out << "\n";
      return kExitFailure;
    }
    std::fprintf(stderr, "wrote %s: %zu bytes, %zu features, %.1fs\n", args->out.c_str(), bytes.size(),
                 model.feature_count(), seconds_since(start));
    return kExitOk;
  };
}

Command add_ner_clusters_command(CLI::App& app) {
  struct Args {
    std::vector<std::string> text;
    std::vector<std::string> conll;
    std::string out;
    entities::NerClusterOptions options;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("ner-clusters", "Cluster words by their contexts, for the tagger's lexicon features.");
  cmd->footer(
      "Reads plain text (a line break ends a sentence) and the token column of CoNLL files (a blank line ends a\n"
      "sentence), splits and normalizes the words as documents are, and clusters\n"
      "the most frequent words by their left and right neighbours (positive PMI vectors, spherical k-means,\n"
      "one run per --sizes value; deterministic). Writes word<TAB>k64:N k256:M lines, for\n"
      "`talash ner-train --lexicon cl=FILE`.");
  cmd->add_option("--text", args->text, "Plain-text files")->expected(1, -1);
  cmd->add_option("--conll", args->conll, "CoNLL files (token in the first column)")->expected(1, -1);
  cmd->add_option("--out", args->out, "Where to write the clusters")->required();
  cmd->add_option("--sizes", args->options.sizes, "Numbers of clusters")->delimiter(',')->capture_default_str();
  cmd->add_option("--min-count", args->options.min_count, "Skip words seen fewer times")->capture_default_str();
  cmd->add_option("--max-words", args->options.max_words, "Cluster this many of the most frequent words")
      ->capture_default_str();
  cmd->add_option("--context-words", args->options.context_words, "Neighbours that make up a word's vector")
      ->capture_default_str();
  cmd->add_option("--iterations", args->options.iterations, "k-means iterations")->capture_default_str();
  return [args]() -> int {
    const auto start = Clock::now();
    entities::NerClusters clusters(args->options);
    for (const std::string& path : args->text) {
      std::string text;
      if (!slurp(path, text)) {
        std::cerr << "talash ner-clusters: cannot read " << path << "\n";
        return kExitFailure;
      }
      if (!analysis::is_valid_utf8(text)) {
        std::cerr << "talash ner-clusters: " << path << " is not valid UTF-8\n";
        return kExitFailure;
      }
      clusters.add_text(text);
    }
    for (const std::string& path : args->conll) {
      std::string text;
      if (!slurp(path, text)) {
        std::cerr << "talash ner-clusters: cannot read " << path << "\n";
        return kExitFailure;
      }
      auto sentences = entities::read_conll(text, false, path);
      if (!sentences) {
        std::cerr << "talash ner-clusters: " << sentences.error() << "\n";
        return kExitFailure;
      }
      std::string lines;
      for (const auto& sentence : *sentences) {
        for (const std::string& word : sentence.words) lines.append(word).append(" ");
        lines += '\n';
      }
      clusters.add_text(lines);
    }
    if (clusters.tokens() == 0) {
      std::cerr << "talash ner-clusters: no words (give --text or --conll files)\n";
      return kExitUsage;
    }
    const std::string tsv = clusters.cluster();
    std::ofstream out(args->out, std::ios::binary);
    out << tsv;
    out.close();
    if (!out) {
      std::cerr << "talash ner-clusters: cannot write " << args->out << "\n";
      return kExitFailure;
    }
    std::fprintf(stderr, "tokens=%zu words=%zu seconds=%.1f\n", clusters.tokens(),
                 static_cast<std::size_t>(std::count(tsv.begin(), tsv.end(), '\n')), seconds_since(start));
    return kExitOk;
  };
}

}  // namespace talash::cli
