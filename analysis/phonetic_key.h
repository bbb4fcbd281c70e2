#pragma once
// A script-neutral sound key for names: "Zelensky", ज़ेलेंस्की and जेलेंस्की get one key, so a
// reader who types a name the way they heard it finds it in either script.
// docs/phonetic_key.md has the design and the measured recall/precision per tier.
#include <array>
#include <string>
#include <string_view>

namespace talash::analysis {

// How much the key forgives. Each tier is a coarser folding of the same sound sequence
// (measured recall and precision per tier: docs/phonetic_key.md):
//  strict  consonant classes and five vowel classes (a i u e o, length folded); for names
//          romanized the Indian way and for one script's spelling variants (Kejriwal =
//          केजरीवाल, हिंदी = हिन्दी); different names rarely collide (कमल != कोमल)
//  middle  every vowel is one class, only where vowels stand is kept; the tier for foreign
//          names, whose English vowels Hindi writes every which way (Moscow = मास्को,
//          Trump = ट्रंप, Belousov = बेलूसोव = बेलोसोव)
//  loose   consonant skeleton only (an initial vowel stays as a), sh = s, the glides y/v/h
//          dropped after the first letter (Pyongyang = पाइओंगयांग); many collisions, a last
//          resort or one part of a multi-word match
enum class PhoneticTier { strict, middle, loose };

// The key of one word as split_words/normalize_hindi produce it (Latin lower-cased,
// Devanagari normalized). Raw text also works: case, nukta, chandrabindu, candra vowels and
// ZWJ/ZWNJ are folded here too. Only Devanagari and ASCII letters count; anything else
// (digits, punctuation, other scripts) is skipped. The key is lower-case ASCII [a-z], so it
// can sit inside a Xapian term after a prefix.
// Empty when the word has fewer than two sounds or no consonant at all (ए, "a", "10", "ai"):
// such keys would match nearly anything.
std::string phonetic_key(std::string_view word, PhoneticTier tier);

// All three tiers at once, sharing the front end (what an indexer wants).
std::array<std::string, 3> phonetic_keys(std::string_view word);

// Key for acronyms, which Hindi writes as spelled-out English letter names (केसीएनए = KCNA).
//  - Latin words of 2..8 letters (dots between letters allowed: "u.s") give their letters,
//    lower-cased: "kcna", "atacms". Whether the word is an acronym is the caller's call.
//  - Devanagari words made entirely of 2..8 English letter names give the same letters:
//    केसीएनए -> "kcna", एटीएसीएमएस -> "atacms", बीजेपी -> "bjp", बी.जे.पी -> "bjp".
//  - Anything else gives "" (नाटो is a word, not letter names: use phonetic_key for it).
std::string acronym_key(std::string_view word);

}  // namespace talash::analysis
