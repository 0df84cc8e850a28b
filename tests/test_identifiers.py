import pytest

from pipelines.identifiers import (
    department_of,
    is_pseudo_siret,
    is_valid_siret,
    normalize_siren,
    normalize_siret,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("807 469 317 00018", "80746931700018"),
        ("807.469.317.00018", "80746931700018"),
        ("807\u00a0469\u00a0317\u00a000018", "80746931700018"),
        ("5442045900018", "05442045900018"),  # Excel dropped the leading zero
        (5442045900018, "05442045900018"),
        ("80746931700018.0", "80746931700018"),
        ("8074693170001", "08074693170001"),
        ("123", None),
        ("", None),
        (None, None),
        ("807469317000181", None),
    ],
)
def test_normalize_siret(raw: object, expected: str | None) -> None:
    assert normalize_siret(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("807 469 317", "807469317"),
        ("80746931700018", "807469317"),
        ("54420459", "054420459"),
        ("1", None),
    ],
)
def test_normalize_siren(raw: str, expected: str | None) -> None:
    assert normalize_siren(raw) == expected


@pytest.mark.parametrize(
    ("siret", "valid"),
    [
        ("80746931700018", True),
        ("80746931700019", False),
        ("35600000000048", True),  # La Poste: digit-sum rule
        ("1234", False),
        (None, False),
    ],
)
def test_is_valid_siret(siret: str | None, valid: bool) -> None:
    assert is_valid_siret(siret) is valid


def test_pseudo_siret() -> None:
    assert is_pseudo_siret("80746931799901")
    assert not is_pseudo_siret("80746931700018")


@pytest.mark.parametrize(
    ("pc", "dep"),
    [
        ("93230", "93"),
        ("1000", "01"),
        ("97430", "974"),
        ("20000", "2A"),
        ("20200", "2B"),
        ("x", None),
    ],
)
def test_department_of(pc: str, dep: str | None) -> None:
    assert department_of(pc) == dep
