#include <gtest/gtest.h>

#include "analysis/split_words.h"
#include "indexer/story_key.h"
#include "tests/row_name.h"

namespace talash::indexer {
namespace {

// A lead of well over 40 content words.
const std::string kLead =
    "नई दिल्ली में केंद्रीय स्वास्थ्य मंत्रालय ने सोमवार को बताया कि देश में कोरोना वायरस के दो नए मरीज मिले हैं। "
    "एक मरीज दिल्ली का है और दूसरा तेलंगाना का, दोनों हाल ही में इटली और दुबई से लौटे थे। मंत्रालय ने कहा कि "
    "दोनों की हालत स्थिर है और उनके संपर्क में आए लोगों की पहचान की जा रही है। राज्यों को हवाई अड्डों पर जांच "
    "बढ़ाने और अस्पतालों में अलग वार्ड तैयार रखने को कहा गया है। विशेषज्ञों ने लोगों से घबराने के बजाय सावधानी बरतने की अपील की।";

std::string key_of(const std::string& text) { return story_key(analysis::split_words(text)); }

struct StoryCase {
  const char* name;
  std::string a, b;
  bool same;
};
void PrintTo(const StoryCase& c, std::ostream* os) { *os << c.name; }

class StoryKeyTest : public ::testing::TestWithParam<StoryCase> {};

TEST_P(StoryKeyTest, CopiesShareTheKeyOtherStoriesDoNot) {
  const auto ka = key_of(GetParam().a), kb = key_of(GetParam().b);
  ASSERT_EQ(ka.size(), 16u);
  ASSERT_EQ(kb.size(), 16u);
  if (GetParam().same) {
    EXPECT_EQ(ka, kb);
  } else {
    EXPECT_NE(ka, kb);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Leads, StoryKeyTest,
    ::testing::Values(
        StoryCase{"SameText", kLead, kLead, true},
        // Only the lead counts: a copy with another ending is the same story.
        StoryCase{"OtherEnding", kLead, kLead + " अधिक जानकारी के लिए हेल्पलाइन नंबर पर संपर्क करें।", true},
        // Agencies differ in punctuation, nukta and spacing; normalization folds them.
        StoryCase{"PunctuationAndNukta", kLead,
                  "नई दिल्ली: केंद्रीय स्वास्थ्य मंत्रालय ने सोमवार को बताया कि देश में कोरोना वायरस के दो नए मरीज़ मिले हैं. "
                  "एक मरीज दिल्ली का है और दूसरा तेलंगाना का; दोनों हाल ही में इटली और दुबई से लौटे थे. मंत्रालय ने कहा कि "
                  "दोनों की हालत स्थिर है और उनके संपर्क में आए लोगों की पहचान की जा रही है. राज्यों को हवाई अड्डों पर जांच "
                  "बढ़ाने और अस्पतालों में अलग वार्ड तैयार रखने को कहा गया है.",
                  true},
        StoryCase{"OtherStoryOnTheSameTopic", kLead,
                  "कोरोना वायरस के बढ़ते मामलों के बीच दिल्ली सरकार ने सभी प्राथमिक स्कूलों को 31 मार्च तक बंद करने का फैसला किया। "
                  "उपमुख्यमंत्री ने कहा कि बच्चों की सुरक्षा सबसे ऊपर है और परीक्षाएं बाद में होंगी। अभिभावकों से अपील की गई है कि "
                  "वे बच्चों को भीड़ वाली जगहों पर न ले जाएं और हाथ धोने की आदत डालें। निजी स्कूलों को भी यही सलाह दी गई है।",
                  false}),
    test::RowName{});

TEST(StoryKeyTest, ShortTextsHaveNoKey) {
  EXPECT_EQ(key_of("मोदी ने कहा कि देश आगे बढ़ेगा।"), "");
  EXPECT_EQ(key_of(""), "");
}

}  // namespace
}  // namespace talash::indexer
