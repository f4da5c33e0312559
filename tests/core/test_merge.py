"""The field-level three-way merge behind travellers' corrections (decision 0105)."""

from passage.core.merge import FieldChange, FieldConflict, merge


def test_changes_to_different_fields_both_survive_in_either_order():
    record = {"primary_name": "SMITH", "secondary_name": "ANNA"}
    hq = {"primary_name": FieldChange("SMITH", "SMYTHE")}
    post = {"secondary_name": FieldChange("ANNA", "ANNE")}
    for first, second in ((hq, post), (post, hq)):
        held = dict(record)
        held.update(merge(held, first).apply)
        held.update(merge(held, second).apply)
        assert held == {"primary_name": "SMYTHE", "secondary_name": "ANNE"}


def test_a_field_changed_elsewhere_since_the_base_is_a_conflict_with_both_values():
    result = merge({"sex": "M"}, {"sex": FieldChange(base="F", value="X")})
    assert result.apply == {}
    assert result.conflicts == {"sex": FieldConflict(base="F", held="M", incoming="X")}


def test_the_same_change_twice_is_no_conflict():
    result = merge({"birth_day": 12}, {"birth_day": FieldChange(base=21, value=12)})
    assert result.apply == {} and result.conflicts == {} and result.unchanged == ["birth_day"]
