package io.basis.api;

import io.basis.model.OptionType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class VolSmileTest {
    private static final double EPS = 1e-9;

    static VolSmile.Quote q(String strike, OptionType type, String iv, String delta) {
        return new VolSmile.Quote(strike + type, new BigDecimal(strike), type, iv == null ? null : new BigDecimal(iv),
                null, null, delta == null ? null : new BigDecimal(delta));
    }

    /** A constructed smile: forward 100000; OTM puts below, calls at and above. */
    static List<VolSmile.Quote> chain() {
        return List.of(
                q("80000", OptionType.PUT, "70", "-0.10"),
                q("90000", OptionType.PUT, "60", "-0.25"),
                q("95000", OptionType.PUT, "56", "-0.40"),
                q("95000", OptionType.CALL, "57", "0.60"),
                q("100000", OptionType.CALL, "52", "0.52"),
                q("100000", OptionType.PUT, "53", "-0.48"),
                q("105000", OptionType.CALL, "50", "0.40"),
                q("110000", OptionType.CALL, "49", "0.25"),
                q("120000", OptionType.CALL, "51", "0.10"));
    }

    @Test
    void deltaBucketsInterpolateTheOtmSmileInCallEquivalentDelta() {
        VolSmile.Result r = VolSmile.of(chain(), new BigDecimal("100000"));

        assertThat(r.buckets()).extracting(VolSmile.Bucket::name).containsExactly("10P", "25P", "50", "25C", "10C");
        assertThat(r.bucket("10P")).isCloseTo(70, within(EPS));
        assertThat(r.bucket("25P")).isCloseTo(60, within(EPS));
        // 0.50 lies between 105000's call (0.40, 50) and 100000's call (0.52, 52): 50 + 2 * 0.10 / 0.12
        assertThat(r.bucket("50")).isCloseTo(50 + 2 * 0.10 / 0.12, within(EPS));
        assertThat(r.bucket("25C")).isCloseTo(49, within(EPS));
        assertThat(r.bucket("10C")).isCloseTo(51, within(EPS));
        assertThat(r.riskReversal25()).isCloseTo(49 - 60, within(EPS));
        assertThat(r.butterfly25()).isCloseTo((49 + 60) / 2.0 - (50 + 2 * 0.10 / 0.12), within(EPS));
        assertThat(r.riskReversal10()).isCloseTo(51 - 70, within(EPS));
        assertThat(r.butterfly10()).isCloseTo((51 + 70) / 2.0 - (50 + 2 * 0.10 / 0.12), within(EPS));
        assertThat(r.atmIv()).isCloseTo(52, within(EPS));
        assertThat(r.atmStrike()).isEqualByComparingTo("100000");
    }

    @Test
    void eachStrikeUsesItsOutOfTheMoneyOptionAndCarriesLogMoneyness() {
        VolSmile.Result r = VolSmile.of(chain(), new BigDecimal("100000"));

        assertThat(r.strikes()).extracting(s -> s.strike().toPlainString())
                .containsExactly("80000", "90000", "95000", "100000", "105000", "110000", "120000");
        VolSmile.Strike k95 = r.strikes().get(2);
        assertThat(k95.smileSide()).isEqualTo(OptionType.PUT);
        assertThat(k95.smileIv()).isEqualTo(56.0);
        assertThat(k95.callEquivalentDelta()).isCloseTo(0.60, within(EPS));
        assertThat(k95.call().markIv()).isEqualByComparingTo("57");
        assertThat(k95.logMoneyness()).isCloseTo(Math.log(0.95), within(EPS));
        VolSmile.Strike k100 = r.strikes().get(3);
        assertThat(k100.smileSide()).isEqualTo(OptionType.CALL);
        assertThat(k100.logMoneyness()).isZero();
    }

    @Test
    void atmIvInterpolatesInStrikeAtTheForward() {
        // F = 102500: 100000 is below (its put, 53) and 105000 above (its call, 50) -> 51.5
        VolSmile.Result r = VolSmile.of(chain(), new BigDecimal("102500"));
        assertThat(r.atmIv()).isCloseTo(51.5, within(EPS));
        assertThat(r.atmStrike()).isIn(new BigDecimal("100000"), new BigDecimal("105000"));
        assertThat(VolSmile.of(chain(), new BigDecimal("130000")).atmIv()).isNull();
    }

    @Test
    void bucketsOutsideTheQuotedDeltasAreNullNotExtrapolated() {
        List<VolSmile.Quote> narrow = List.of(q("100000", OptionType.CALL, "52", "0.52"),
                q("110000", OptionType.CALL, "49", "0.30"));
        VolSmile.Result r = VolSmile.of(narrow, new BigDecimal("100000"));
        assertThat(r.bucket("50")).isCloseTo(52 - 3 * 0.02 / 0.22, within(EPS));
        assertThat(r.bucket("25C")).isNull();
        assertThat(r.bucket("25P")).isNull();
        assertThat(r.riskReversal25()).isNull();
        assertThat(r.butterfly25()).isNull();
    }

    @Test
    void aMissingOtmQuoteFallsBackToTheOtherSideAndMissingIvsAreSkipped() {
        List<VolSmile.Quote> quotes = List.of(q("90000", OptionType.CALL, "61", "0.74"),
                q("90000", OptionType.PUT, null, "-0.26"),
                q("110000", OptionType.CALL, null, null));
        VolSmile.Result r = VolSmile.of(quotes, new BigDecimal("100000"));
        assertThat(r.strikes().get(0).smileSide()).isEqualTo(OptionType.CALL);
        assertThat(r.strikes().get(0).smileIv()).isEqualTo(61.0);
        assertThat(r.strikes().get(1).smileIv()).isNull();
        assertThat(r.strikes().get(1).smileSide()).isNull();
    }

    @Test
    void withoutAForwardEveryStrikeUsesItsCallAndNoAtmIsGiven() {
        VolSmile.Result r = VolSmile.of(chain(), null);
        assertThat(r.atmIv()).isNull();
        assertThat(r.atmStrike()).isNull();
        assertThat(r.strikes()).allSatisfy(s -> assertThat(s.logMoneyness()).isNull());
        assertThat(r.strikes().get(0).smileSide()).isEqualTo(OptionType.PUT); // only a put at 80000
        assertThat(r.strikes().get(2).smileSide()).isEqualTo(OptionType.CALL);
    }

    @Test
    void emptyChainGivesEmptyResult() {
        VolSmile.Result r = VolSmile.of(List.of(), new BigDecimal("100000"));
        assertThat(r.strikes()).isEmpty();
        assertThat(r.atmIv()).isNull();
        assertThat(r.buckets()).allSatisfy(b -> assertThat(b.iv()).isNull());
    }
}
