"""What each procedure's `legal_basis` cites, against domain.md's Sources: the documents the
contract names for a fact are the ones the catalog writes down for it."""

from __future__ import annotations

import pytest

from tdp.catalog import load_catalog

PROCEDURES = sorted(load_catalog().procedures)


def basis(proc: str) -> str:
    return " | ".join(load_catalog().procedure(proc).legal_basis)


@pytest.mark.parametrize("proc", PROCEDURES)
def test_every_procedure_cites_the_decree_that_moved_tasks_to_communes(proc: str) -> None:
    assert "Nghị định 120/2025/NĐ-CP" in basis(proc)


@pytest.mark.parametrize("proc", ["khai_sinh", "khai_tu"])
def test_the_online_bundles_cite_their_decree(proc: str) -> None:
    assert "Nghị định 63/2024/NĐ-CP" in basis(proc)
    assert "Quyết định 296/QĐ-VPCP 2024" in basis(proc)


@pytest.mark.parametrize("proc", PROCEDURES)
def test_an_exemption_from_registration_fees_cites_the_law(proc: str) -> None:
    """Luật Hộ tịch 2014, Điều 11 khoản 1 điểm a exempts poor households, people with
    disabilities and families with revolutionary merit: a procedure that reads `uu_dai`
    says so."""
    kinds = {rule.kind for rule in load_catalog().procedure(proc).rules}
    if "fee_exemption" in kinds:
        assert "Luật Hộ tịch 2014, Điều 11 khoản 1 điểm a" in basis(proc)


def test_the_copy_fees_are_each_cited_by_their_own_circular() -> None:
    """Copy certification: Thông tư 226/2016/TT-BTC (domain.md's "copy fees"); the copy of an
    extract from the civil-status database: Thông tư 281/2016/TT-BTC, which the trich_luc
    basis names, saying that 226/2016 is the certification fee, not the extract's."""
    assert "Thông tư 226/2016/TT-BTC" in basis("chung_thuc_ban_sao_dien_tu")
    extract = next(b for b in load_catalog().procedure("trich_luc_ban_sao").legal_basis
                   if "281/2016/TT-BTC" in b)
    assert "226/2016/TT-BTC" in extract and "không áp dụng cho bản sao trích lục" in extract
