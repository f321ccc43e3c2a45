from powerwith.common.templatetags.common_tags import action_words


def test_known_and_unknown_actions_read_as_words():
    assert action_words("contribution_set_fate") == "Moved something raised"
    assert action_words("vote_close") == "Vote close"
