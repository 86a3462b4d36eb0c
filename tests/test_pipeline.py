"""The pipeline contract: declared order, one model per process, failures isolated per article."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from eventwire.errors import ConfigError, PipelineOrderError, ProcessingError
from eventwire.model import Article
from eventwire.pipeline import Pipeline, available_stages
from eventwire.readers.text import parse_text
from eventwire.stages.annotate import load_model
from eventwire.stages.base import Stage, StageContext, register


@register("test_needs_doc")
class NeedsDoc(Stage):
    name = "test_needs_doc"
    requires = ("doc",)
    assigns = ("test_flag",)

    def __init__(self, ctx: StageContext) -> None:
        self.ctx = ctx

    def process_article(self, article: Article) -> None:
        article.metadata["sentences"] = len(list(article.doc.sents))


@register("test_fails_on_boom")
class FailsOnBoom(Stage):
    name = "test_fails_on_boom"
    requires = ("doc",)

    def __init__(self, ctx: StageContext) -> None:
        self.ctx = ctx

    def process(self, articles: Sequence[Article]) -> None:
        for a in articles:
            if "boom" in a.paragraphs[0]:
                raise ValueError("cannot handle boom")


def story(text: str) -> Article:
    return parse_text("date 2021-06-01\n\n" + text)


def test_wrong_order_fails_at_construction_with_a_fix() -> None:
    with pytest.raises(PipelineOrderError) as info:
        Pipeline(["test_needs_doc", "annotate"])
    message = str(info.value)
    assert "'test_needs_doc' requires doc" in message
    assert "move stage 'annotate'" in message


def test_missing_provider_says_what_to_add() -> None:
    with pytest.raises(PipelineOrderError, match="add a stage that assigns 'doc'"):
        Pipeline(["test_needs_doc"])


def test_unknown_stage_is_named() -> None:
    with pytest.raises(ConfigError, match="unknown stage 'nonesuch'"):
        Pipeline(["annotate", "nonesuch"])


def test_default_order_is_declared_and_checked() -> None:
    names = Pipeline().names
    assert names == available_stages()
    assert names[0] == "annotate"


def test_model_loaded_once_per_process() -> None:
    one = Pipeline(["annotate"])
    two = Pipeline(["annotate", "test_needs_doc"])
    assert one.context.nlp is two.context.nlp is load_model(one.context.model_name)


def test_unknown_model_is_a_clear_error() -> None:
    pipe = Pipeline(["annotate"], model="xx_no_such_model")
    with pytest.raises(ConfigError, match="not installed"):
        _ = pipe.context.nlp


def test_one_doc_per_article_and_paragraphs_are_sentence_boundaries() -> None:
    pipe = Pipeline(["annotate", "test_needs_doc"], batch_size=2)
    articles = [story("Rebels seized a town\n\nthe army said it would respond"), story("Talks began."),
                story("Ministers met in Rome. They agreed on a plan.")]
    done = list(pipe.process(articles))
    assert [a.id for a in done] == [a.id for a in articles]
    for a in done:
        assert a.doc.text == a.analysed_text()
        assert a.done == ["annotate", "test_needs_doc"]
    first_sents = [s.text.strip() for s in done[0].doc.sents]
    assert first_sents == ["Rebels seized a town", "the army said it would respond"]


def test_a_failing_article_costs_only_itself() -> None:
    pipe = Pipeline(["annotate", "test_fails_on_boom"], batch_size=10)
    articles = [story("A quiet day."), story("boom went the story"), story("Another quiet day.")]
    done = pipe.process_batch(articles)
    assert [a.paragraphs[0] for a in done] == ["A quiet day.", "Another quiet day."]
    assert len(pipe.failures) == 1
    failure = pipe.failures[0]
    assert failure.stage == "test_fails_on_boom" and "cannot handle boom" in failure.reason
    with pytest.raises(ProcessingError, match="test_fails_on_boom"):
        pipe(story("boom again"))


def test_knowledge_hash_and_version_are_stamped() -> None:
    pipe = Pipeline(["annotate"])
    a = pipe(story("Leaders met."))
    assert a.knowledge_hash == pipe.knowledge.hash and len(a.knowledge_hash) == 16
    assert a.pipeline_version
