"""Every rule, one module each, and :data:`RULE_MODULES`: the list that names them.

Importing this package imports no rule. :func:`py_core.registry.all_rules` imports the modules
named here once, on first use, in this order: the order of the catalogue and of findings of
equal severity. A new rule is a new module here plus its name in this list (a test fails when a
rule module is missing from it).
"""

from __future__ import annotations

#: The rule modules, in catalogue order.
RULE_MODULES: tuple[str, ...] = (
    "unsubscribe_missing",
    "unsubscribe_broken",
    "reason_missing",
    "postal_address_missing",
    "contact_missing",
    "unsubscribe_manual",
    "unsubscribe_hidden",
    "sender_name_missing",
    "organisation_missing",
    "noreply_sender",
    "recipients_exposed",
    "duplicate_send",
    "unsubscribe_clipped",
    "placeholder_unresolved",
    "consent_prechecked",
    "consent_bundled",
    "list_unsubscribe_missing",
    "third_party_content",
    "logo_missing",
    "image_only",
    "tracking_pixel",  # issue 14
    "tracking_links",  # issue 14
    "advertising_unrecognisable",  # issue 14
    "img_alt_missing",  # issue 14: pack accessibility
    "html_lang_missing",
    "title_missing",
    "layout_table_role",
    "link_text_vague",
    "heading_skipped",
    "text_contrast_low",
    "imprint_missing",  # issue 14: pack de
    "link_hygiene",  # issue 14: advice
    "objection_notice_missing",  # issue 14: the first mailing
    "customer_objection_notice_missing",  # issue 14: pack de, § 7 (3) UWG
)
