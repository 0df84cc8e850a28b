import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.identifiers import (
    department_of,
    is_placeholder_siren,
    is_placeholder_siret,
    is_pseudo_siret,
    is_reliable_siren,
    is_reliable_siret,
    is_valid_siret,
    normalize_siren,
    normalize_siret,
)
from pipelines.warehouse.migrations import apply_migrations


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
        # A number cell lost all its leading zeros: padded where the padded number passes
        # the check digit (SIREN 005 420 450, establishment 00016).
        ("542045000016", "00542045000016"),
        (542045000016, "00542045000016"),
        (542045000016.0, "00542045000016"),
        ("542045000016.0", "00542045000016"),
        ("32517500016", "00032517500016"),  # SIREN 000 325 175: three zeros lost
        ("542045000017", None),  # fails the check digit: not a SIRET we can rebuild
        ("32517500017", None),
        ("8.0746931700018E+13", None),  # scientific notation: never guessed
        ("1.234E+13", None),
        ("123456789", None),  # nine digits is a SIREN, not a SIRET without zeros
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
        ("5442045", None),  # two zeros lost, fails the check digit
        ("5420450", "005420450"),  # two zeros lost, passes
        (5420450, "005420450"),
        ("325175", "000325175"),
        ("542045000016", "005420450"),  # a SIRET cell that lost its zeros
        ("1", None),
    ],
)
def test_normalize_siren(raw: object, expected: str | None) -> None:
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


@pytest.mark.parametrize(
    ("siret", "placeholder", "reliable"),
    [
        ("80746931700018", False, True),
        ("80746931700019", False, False),  # fails its check digit
        ("12345678901234", True, False),
        ("00000000000000", True, False),  # passes Luhn, still a placeholder
        ("11111111111111", True, False),
        ("99999999999999", True, False),
        ("12345678900015", True, False),  # passes Luhn, but SIREN 123456789
        ("98765432109876", True, False),
        ("35600000000048", False, True),  # La Poste
        (None, False, False),
    ],
)
def test_placeholder_and_reliable_siret(
    siret: str | None, placeholder: bool, reliable: bool
) -> None:
    assert is_placeholder_siret(siret) is placeholder
    assert is_reliable_siret(siret) is reliable


@pytest.mark.parametrize(
    ("siren", "placeholder", "reliable"),
    [
        ("807469317", False, True),
        ("807469318", False, False),
        ("123456789", True, False),
        ("000000000", True, False),
        ("444444444", True, False),
        ("356000000", False, True),  # La Poste
        ("005420450", False, True),
        (None, False, False),
    ],
)
def test_placeholder_and_reliable_siren(
    siren: str | None, placeholder: bool, reliable: bool
) -> None:
    assert is_placeholder_siren(siren) is placeholder
    assert is_reliable_siren(siren) is reliable


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


@pytest.fixture(scope="module")
def warehouse_macros() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    apply_migrations(con)
    return con


digit_strings = st.one_of(
    st.text(alphabet="0123456789", min_size=9, max_size=9),
    st.text(alphabet="0123456789", min_size=14, max_size=14),
    st.sampled_from(["123456789", "12345678901234", "00000000000000", "98765432109876",
                     "35600000000048", "44306184100047", "111111111"]),
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(number=digit_strings)
def test_sql_reliability_is_the_python_rule(
    warehouse_macros: duckdb.DuckDBPyConnection, number: str
) -> None:
    row = warehouse_macros.execute(
        "select reliable_siret($n), reliable_siren($n)", {"n": number}
    ).fetchone()
    assert row == (is_reliable_siret(number), is_reliable_siren(number))
