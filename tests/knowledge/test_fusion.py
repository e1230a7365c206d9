from hypothesis import given
from hypothesis import strategies as st

from knowledge.fusion import weighted_rrf


def test_item_ranked_by_two_lists_beats_single_list_leaders():
    fused = weighted_rrf([(["a", "b", "c"], 1.0), (["x", "b", "y"], 1.0)], k=60)
    assert fused[0][0] == "b"
    assert fused[0][1] == 2 / 62


def test_weights_shift_the_order_and_zero_weight_drops_a_list():
    fused = weighted_rrf([(["p1", "p2"], 1.0), (["f1", "f2"], 3.0)], k=60)
    assert [key for key, _ in fused][:2] == ["f1", "f2"]
    assert "p1" not in dict(weighted_rrf([(["p1"], 0.0), (["f1"], 1.0)]))


@given(st.lists(st.lists(st.integers(0, 20), unique=True, max_size=10), max_size=4))
def test_fusion_keeps_every_item_once_sorted(rankings):
    fused = weighted_rrf([(r, 1.0) for r in rankings])
    keys = [key for key, _ in fused]
    assert sorted(keys) == sorted({x for r in rankings for x in r})
    scores = [score for _, score in fused]
    assert scores == sorted(scores, reverse=True)
