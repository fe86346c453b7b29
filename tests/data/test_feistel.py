"""The keyed bijection behind the mobile numbers."""

import random

import pytest

from data.feistel import INDEX_SPACE, FeistelPermutation


def assert_no_repeats(permutation: FeistelPermutation, indices: range) -> None:
    seen = bytearray(INDEX_SPACE // 8)  # one bit per value: 12.5 MB
    forward = permutation.forward
    for index in indices:
        value = forward(index)
        byte, bit = value >> 3, 1 << (value & 7)
        assert not seen[byte] & bit, f"index {index} repeats value {value}"
        seen[byte] |= bit


@pytest.mark.parametrize(
    "indices",
    [range(2_000_000), range(INDEX_SPACE - 500_000, INDEX_SPACE)],
    ids=["first 2 million", "last half million"],
)
def test_consecutive_indices_never_repeat(indices: range) -> None:
    assert_no_repeats(FeistelPermutation(2024), indices)


@pytest.mark.parametrize("seed", [0, 1, 987654321, "run-7"], ids=lambda seed: f"seed {seed}")
def test_inverse_recovers_the_index(seed: int | str) -> None:
    permutation = FeistelPermutation(seed)
    indices = [*random.Random(seed).sample(range(INDEX_SPACE), 20_000), 0, INDEX_SPACE - 1]
    for index in indices:
        value = permutation.forward(index)
        assert 0 <= value < INDEX_SPACE
        assert permutation.inverse(value) == index


def test_same_seed_gives_the_same_permutation() -> None:
    first, second = FeistelPermutation(5), FeistelPermutation(5)
    assert [first.forward(i) for i in range(1000)] == [second.forward(i) for i in range(1000)]


@pytest.mark.parametrize("seeds", [(1, 2), (0, 10**9), ("a", "b")], ids=["1-2", "0-1e9", "a-b"])
def test_different_seeds_give_different_permutations(seeds: tuple) -> None:
    first, second = (FeistelPermutation(seed) for seed in seeds)
    same = sum(first.forward(i) == second.forward(i) for i in range(10_000))
    assert same <= 2  # independent permutations agree on about 10**4 / 10**8 places


def test_consecutive_indices_are_scattered() -> None:
    forward = FeistelPermutation(3).forward
    values = [forward(i) for i in range(1000)]
    assert len({value // 10**6 for value in values}) > 90  # not bunched in one hundredth


@pytest.mark.parametrize("bad", [-1, INDEX_SPACE, 10**12], ids=["negative", "10**8", "10**12"])
def test_out_of_range_raises(bad: int) -> None:
    permutation = FeistelPermutation(1)
    with pytest.raises(ValueError, match="outside the index space"):
        permutation.forward(bad)
    with pytest.raises(ValueError, match="outside the index space"):
        permutation.inverse(bad)
