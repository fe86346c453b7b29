"""The order in which the legacy client reads extension ids to find unconfirmed employees."""

from __future__ import annotations

from itertools import islice

from pbx.id_scan import PAST_END_MISSES, IdScan


def test_gaps_first_then_the_rows_after_known_employees() -> None:
    # Employees at 10, 12 and 16, their mobiles likely at 11, 13, 17.
    scan = IdScan([10, 12, 16])
    assert list(islice(scan, 4)) == [14, 15, 11, 13]


def test_a_margin_makes_ids_just_outside_the_span_as_likely_as_its_gaps() -> None:
    scan = IdScan([10, 12], margin=3)
    assert list(islice(scan, 8)) == [7, 8, 9, 14, 15, 11, 13, 6]


def test_then_outward_down_to_the_first_id_and_up() -> None:
    scan = IdScan([5, 6])
    assert list(islice(iter(scan), 10)) == [4, 7, 3, 8, 2, 9, 1, 10, 11, 12]


def test_the_upward_scan_ends_after_a_stretch_without_employees() -> None:
    scan = IdScan([1])
    read = []
    for ext_id in scan:
        read.append(ext_id)
        scan.record(ext_id, employee_found=ext_id == 20)
    assert read == list(range(2, 21 + PAST_END_MISSES))


def test_no_known_ids_scans_from_the_first() -> None:
    assert list(islice(IdScan([]), 3)) == [1, 2, 3]
