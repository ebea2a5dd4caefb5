"""Question blocks a trainer puts in a quiz. Each choice carries feedback that teaches."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Choice"))
    correct = blocks.BooleanBlock(label=_("Correct"), required=False)
    feedback = blocks.TextBlock(
        label=_("Feedback"), help_text=_("Why this choice is right or not. Shown after answering.")
    )

    class Meta:
        icon = "radio-full"
        label = _("Choice")


def _check_correct_count(value, *, several: bool):
    correct = sum(1 for choice in value["choices"] if choice["correct"])
    if several and correct < 1:
        message = _("Mark at least one choice as correct.")
    elif not several and correct != 1:
        message = _("Mark exactly one choice as correct.")
    else:
        return
    raise StructBlockValidationError(block_errors={"choices": ValidationError(message)})


class SingleChoiceBlock(blocks.StructBlock):
    prompt = blocks.TextBlock(label=_("Question"))
    choices = blocks.ListBlock(ChoiceBlock(), min_num=2, max_num=8, label=_("Choices"))

    class Meta:
        icon = "radio-empty"
        label = _("Single choice")
        help_text = _("One question with one right answer among two to eight choices.")

    def clean(self, value):
        value = super().clean(value)
        _check_correct_count(value, several=False)
        return value


class MultipleSelectBlock(SingleChoiceBlock):
    class Meta:
        icon = "tasks"
        label = _("Multiple select")
        help_text = _("Several choices may be right. Each right pick earns a share; each wrong pick takes one away.")

    def clean(self, value):
        value = blocks.StructBlock.clean(self, value)
        _check_correct_count(value, several=True)
        return value


class TrueFalseBlock(blocks.StructBlock):
    prompt = blocks.TextBlock(label=_("Statement"))
    answer = blocks.BooleanBlock(label=_("The statement is true"), required=False)
    feedback_true = blocks.TextBlock(label=_("Feedback when the trainee answers “True”"))
    feedback_false = blocks.TextBlock(label=_("Feedback when the trainee answers “False”"))

    class Meta:
        icon = "check"
        label = _("True or false")
        help_text = _("A statement the trainee judges true or false, with feedback for either answer.")


class ScenarioBlock(blocks.StructBlock):
    case = blocks.TextBlock(label=_("Case"), help_text=_("A short situation from daily work."))
    prompt = blocks.TextBlock(label=_("Question"))
    multiple = blocks.BooleanBlock(label=_("Several choices are correct"), required=False)
    choices = blocks.ListBlock(ChoiceBlock(), min_num=2, max_num=8, label=_("Choices"))

    class Meta:
        icon = "user"
        label = _("Scenario")
        help_text = _("A short case from daily work, then a question about it with one or several right choices.")

    def clean(self, value):
        value = super().clean(value)
        _check_correct_count(value, several=value.get("multiple", False))
        return value


class QuestionsBlock(blocks.StreamBlock):
    single_choice = SingleChoiceBlock()
    multiple_select = MultipleSelectBlock()
    true_false = TrueFalseBlock()
    scenario = ScenarioBlock()

    class Meta:
        min_num = 1


def question_snapshot(block) -> dict:
    """One question as plain data with stable ids, as an attempt freezes it.

    The question id is the StreamField block id and a choice id is the ListBlock item id, so
    both survive a trainer reordering or rewording the quiz. True/false choices are "true" and
    "false"; their text is translated when shown, not here."""
    value = block.value
    if block.block_type == "true_false":
        return {
            "id": block.id,
            "type": "true_false",
            "case": "",
            "prompt": value["prompt"],
            "choices": [
                {"id": "true", "text": "True", "correct": bool(value["answer"]), "feedback": value["feedback_true"]},
                {"id": "false", "text": "False", "correct": not value["answer"], "feedback": value["feedback_false"]},
            ],
        }
    several = block.block_type == "multiple_select" or (block.block_type == "scenario" and value.get("multiple"))
    return {
        "id": block.id,
        "type": "multiple" if several else "single",
        "case": value.get("case", ""),
        "prompt": value["prompt"],
        "choices": [
            {
                "id": item.id,
                "text": item.value["text"],
                "correct": bool(item.value["correct"]),
                "feedback": item.value["feedback"],
            }
            for item in value["choices"].bound_blocks
        ],
    }
