"""Issuing body and Nơi nhận from the unit's level and its parent's (two-level government)."""

from __future__ import annotations

import pytest

from theodoi.reports.bodies import (
    Body,
    below_signature,
    issuer,
    party_committee,
    party_signature,
    place_name,
    recipients,
)
from theodoi.reports.model import Issuer, Signature

THANH_HOA = Body("Tỉnh Thanh Hóa", "tinh")
HAI_PHONG = Body("Thành phố Hải Phòng", "thanh_pho")
NGOC_LIEN = Body("Xã Ngọc Liên", "xa")
HOA_LAC = Body("Phường Hòa Lạc", "phuong")
CO_LE = Body("Thị trấn Cổ Lễ", "thi_tran")


@pytest.mark.parametrize(("body", "place"), [
    (NGOC_LIEN, "Ngọc Liên"), (CO_LE, "Cổ Lễ"), (HOA_LAC, "Hòa Lạc"),
    (HAI_PHONG, "Hải Phòng"), (Body("Đặc khu Phú Quốc", "dac_khu"), "Phú Quốc"),
    (Body("Cổ Lễ", "thi_tran"), "Cổ Lễ"),  # a name typed without its level word
])
def test_place_is_the_name_without_its_level_word(body: Body, place: str) -> None:
    assert place_name(body) == place


@pytest.mark.parametrize(("body", "committee"), [
    (NGOC_LIEN, "Đảng ủy xã Ngọc Liên"), (HOA_LAC, "Đảng ủy phường Hòa Lạc"),
    (THANH_HOA, "Tỉnh ủy Thanh Hóa"), (HAI_PHONG, "Thành ủy Hải Phòng"),
    (Body("Huyện Trực Ninh", "huyen"), "Huyện ủy Trực Ninh"),
])
def test_party_committee_by_level(body: Body, committee: str) -> None:
    assert party_committee(body) == committee


def test_a_commune_people_s_committee_names_no_body_above_it() -> None:
    assert issuer(NGOC_LIEN, THANH_HOA, party=False) == Issuer("Ủy ban nhân dân xã Ngọc Liên")


def test_a_commune_party_committee_has_the_provincial_party_body_above() -> None:
    assert issuer(NGOC_LIEN, THANH_HOA, party=True) == Issuer(
        "Đảng ủy xã Ngọc Liên", "Đảng bộ tỉnh Thanh Hóa", party=True)
    assert issuer(HOA_LAC, HAI_PHONG, party=True).above == "Đảng bộ thành phố Hải Phòng"
    assert issuer(THANH_HOA, None, party=True) == Issuer("Tỉnh ủy Thanh Hóa", party=True)


def test_a_commune_people_s_committee_reports_to_the_province_and_its_own_leaders() -> None:
    assert recipients(NGOC_LIEN, THANH_HOA, party=False) == [
        "UBND tỉnh Thanh Hóa (để báo cáo)", "Thường trực Đảng ủy xã (để báo cáo)",
        "Thường trực HĐND xã (để báo cáo)", "Chủ tịch, các Phó Chủ tịch UBND xã",
        "Các cơ quan, đơn vị có liên quan", "Lưu: VT."]
    assert recipients(HOA_LAC, HAI_PHONG, party=False)[:3] == [
        "UBND thành phố Hải Phòng (để báo cáo)", "Thường trực Đảng ủy phường (để báo cáo)",
        "Thường trực HĐND phường (để báo cáo)"]


def test_a_commune_party_committee_reports_to_the_provincial_standing_committee() -> None:
    assert recipients(NGOC_LIEN, THANH_HOA, party=True) == [
        "Ban Thường vụ Tỉnh ủy (để báo cáo)", "Các đồng chí Đảng ủy viên",
        "Các chi, đảng bộ trực thuộc", "Lưu Văn phòng Đảng ủy."]
    assert recipients(HOA_LAC, HAI_PHONG, party=True)[0] == "Ban Thường vụ Thành ủy (để báo cáo)"


def test_a_province_reports_to_no_one_it_can_name_and_keeps_its_own_lines() -> None:
    assert recipients(THANH_HOA, None, party=False)[:2] == [
        "Thường trực Tỉnh ủy (để báo cáo)", "Thường trực HĐND tỉnh (để báo cáo)"]
    assert recipients(THANH_HOA, None, party=True) == [
        "Các đồng chí Tỉnh ủy viên", "Các chi, đảng bộ trực thuộc", "Lưu Văn phòng Tỉnh ủy."]


@pytest.mark.parametrize(("signer", "signature"), [
    # a programme of action adopted by the Ban Chấp hành: its report is the standing
    # committee's, signed by the same secretary
    ({"on_behalf": "T/M Ban Chấp hành", "position": "Bí thư", "name": "Nguyễn Thị Thu Hương"},
     Signature("T/M Ban Thường vụ", "Bí thư", "Nguyễn Thị Thu Hương")),
    ({"on_behalf": "T/M BAN THƯỜNG VỤ", "position": "PHÓ BÍ THƯ", "name": "Lê Văn Dũng"},
     Signature("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Lê Văn Dũng")),
    ({"on_behalf": "T/M Đảng ủy", "position": "Bí thư", "name": "Lê Văn A"},
     Signature("T/M Đảng ủy", "Bí thư", "Lê Văn A")),
    ({"on_behalf": "T/M Đại hội", "position": "Chủ tịch đoàn", "name": "Lê Văn A"},
     Signature("T/M Ban Thường vụ", "Bí thư", None)),  # not a secretary: no name
    ({"on_behalf": "T/M Ban Chấp hành", "position": "Phó Bí thư Thường trực",
      "name": "Lê Văn B"}, Signature("T/M Ban Thường vụ", "Phó Bí thư Thường trực", "Lê Văn B")),
    (None, Signature("T/M Ban Thường vụ", "Bí thư", None)),
])
def test_a_party_report_is_signed_for_the_standing_committee(
        signer: dict[str, str] | None, signature: Signature) -> None:
    assert party_signature(signer) == signature


THON_DONG = Body("Thôn Đông", "thon")
TDP_3 = Body("Tổ dân phố số 3", "to_dan_pho")
CHI_BO = Body("Chi bộ thôn Đông", "chi_bo")


def test_a_thon_report_is_headed_by_the_communes_committee_above_its_name() -> None:
    # NĐ 30: the governing body's line above the issuing one; a thôn is no State body
    assert issuer(THON_DONG, NGOC_LIEN, party=False) == Issuer(
        "Thôn Đông", "Ủy ban nhân dân xã Ngọc Liên")
    assert issuer(TDP_3, HOA_LAC, party=True) == Issuer(
        "Tổ dân phố số 3", "Ủy ban nhân dân phường Hòa Lạc")
    assert recipients(TDP_3, HOA_LAC, party=False) == [
        "UBND phường Hòa Lạc (để báo cáo)", "Lưu: Tổ dân phố số 3."]


def test_a_chi_bo_report_is_a_party_document_to_the_communes_dang_uy() -> None:
    # HD 36: "ĐẢNG BỘ XÃ … / CHI BỘ …", whatever the plan's own kind
    assert issuer(CHI_BO, NGOC_LIEN, party=False) == Issuer(
        "Chi bộ thôn Đông", "Đảng bộ xã Ngọc Liên", party=True)
    assert recipients(CHI_BO, NGOC_LIEN, party=True) == [
        "Đảng ủy xã Ngọc Liên (để báo cáo)", "Các đồng chí đảng viên trong chi bộ",
        "Lưu chi bộ."]
    assert place_name(TDP_3) == "số 3"


@pytest.mark.parametrize(("body", "signer", "signature"), [
    # a chi bộ has no Ban Thường vụ: its secretary signs for the chi bộ (HD 36)
    (CHI_BO, None, Signature("T/M Chi bộ", "Bí thư", None)),
    (CHI_BO, {"on_behalf": "T/M CHI BỘ", "position": "BÍ THƯ", "name": "Lê Thị Hoa"},
     Signature("T/M CHI BỘ", "BÍ THƯ", "Lê Thị Hoa")),
    # a plan the commune's Đảng ủy gave the chi bộ: neither that body nor its secretary
    (CHI_BO, {"on_behalf": "T/M Đảng ủy", "position": "Bí thư", "name": "Lê Văn A"},
     Signature("T/M Chi bộ", "Bí thư", None)),
    # a thôn's head signs in his own name, never for the commune's People's Committee
    (THON_DONG, None, Signature(None, "Trưởng thôn", None)),
    (TDP_3, {"on_behalf": "TM. Ủy ban nhân dân", "position": "Chủ tịch", "name": "Lê Văn A"},
     Signature(None, "Tổ trưởng tổ dân phố", None)),
    (THON_DONG, {"on_behalf": None, "position": "Trưởng thôn", "name": "Hà Văn Bình"},
     Signature(None, "Trưởng thôn", "Hà Văn Bình")),
])
def test_a_unit_below_the_commune_signs_for_itself(
        body: Body, signer: dict[str, str | None] | None, signature: Signature) -> None:
    assert below_signature(body.level, signer) == signature
