"""Sync errors on the Posts page (HQ) and a post's Synchronisation page read in the
page's language: stored as English, recognised by their template (``sync.errors``)."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.utils import timezone

from passage.sync import services
from passage.sync.errors import TEMPLATES, recognised
from passage.sync.models import DatasetCopy, Node, PostLink

pytestmark = pytest.mark.django_db


def test_the_posts_page_in_arabic_shows_the_posts_error_in_arabic(client, personas):
    node = services.enrol_node(personas.administrator, "post-north").node
    Node.objects.filter(pk=node.pk).update(
        post_error=(
            "push: HQ refused (403): this node's access has been revoked at HQ; "
            "pull: HQ unreachable at http://hq.test/sync/node/pull: [Errno 111] Connection refused"
        ),
        last_error="unknown crossing point 'XYZ': add it at HQ, then resync",
    )
    client.force_login(personas.administrator)
    client.cookies["django_language"] = "ar"
    html = client.get("/sync/").content.decode()
    assert "الإرسال: رفض المقر (403): أُلغي وصول هذه العقدة في المقر" in html
    # The operating system's words are not Passage's: they stay as they came.
    assert "الاستلام: تعذّر الوصول إلى المقر على http://hq.test/sync/node/pull" in html
    assert "نقطة عبور غير معروفة &#x27;XYZ&#x27;: أضفها في المقر ثم أعد المزامنة" in html
    assert "has been revoked" not in html and "add it at HQ" not in html


@override_settings(PASSAGE_ROLE="node")
def test_a_posts_own_page_in_arabic_says_its_errors_in_arabic(client, personas):
    PostLink.objects.create(
        hq_url="http://hq.test",
        node_id="00000000-0000-0000-0000-000000000001",
        key="k" * 43,
        last_error="HQ refused the batch: replayed request: this nonce was already used",
        last_pull_error="this post has not joined HQ: run `passage sync join` first",
    )
    client.force_login(personas.administrator)
    client.cookies["django_language"] = "ar"
    html = client.get("/sync/").content.decode()
    assert "رفض المقر الدفعة: طلب مُعاد: استُخدم هذا الرقم الفريد من قبل" in html
    assert "لم ينضم هذا المركز إلى المقر" in html
    assert "HQ refused" not in html and "has not joined" not in html


def test_every_template_is_recognised_and_unknown_text_left_alone():
    for template in TEMPLATES:
        example = template.format_map(_Filler())
        assert recognised(example).template == template, template
    assert recognised("disk full") == "disk full"
    assert recognised("") == ""


class _Filler(dict):
    def __missing__(self, key: str) -> str:
        return f"<{key}>"


def test_dataset_names_read_in_the_pages_language(client, personas):
    node = services.enrol_node(personas.administrator, "post-north").node
    Node.objects.filter(pk=node.pk).update(datasets={"stay_rules": "v1", "chip_trust": "v2"})
    client.force_login(personas.administrator)
    client.cookies["django_language"] = "ar"
    html = client.get("/sync/").content.decode()
    assert "قواعد الإقامة" in html and "مراسي الثقة لجوازات السفر الإلكترونية" in html
    # What headquarters publishes is described in Arabic too.
    assert "البيانات المرجعية (البلدان، والتقسيمات الإدارية" in html
    assert "stay_rules" not in html and "Stay rules" not in html


@override_settings(PASSAGE_ROLE="node")
def test_a_posts_received_datasets_read_in_the_pages_language(client, personas):
    PostLink.objects.create(
        hq_url="http://hq.test", node_id="00000000-0000-0000-0000-000000000001", key="k" * 43
    )
    DatasetCopy.objects.create(name="deletions", version="abc", rows=3, fetched_at=timezone.now())
    client.force_login(personas.administrator)
    client.cookies["django_language"] = "ar"
    html = client.get("/sync/").content.decode()
    assert "<td>عمليات الحذف</td>" in html and "<td>deletions</td>" not in html
