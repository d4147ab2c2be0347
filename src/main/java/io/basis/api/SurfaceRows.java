package io.basis.api;

import io.basis.model.OptionTicker;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One expiry of the surface response: the board's quotes through {@link VolSmile}, rounded for the wire. */
final class SurfaceRows {
    private SurfaceRows() {
    }

    static VolSurfaceResponse.Expiry expiry(OptionBoard.Expiry e, Instant asOf) {
        List<VolSmile.Quote> quotes = new ArrayList<>(e.options().size());
        for (OptionBoard.Quoted q : e.options()) {
            OptionTicker t = q.quote();
            quotes.add(new VolSmile.Quote(q.instrument().symbol(), q.instrument().strike(),
                    q.instrument().optionType(), t.markIv(), t.bidIv(), t.askIv(), t.delta()));
        }
        OptionBoard.Quoted newest = e.newest();
        BigDecimal forward = newest == null ? null : newest.quote().underlyingPrice();
        VolSmile.Result smile = VolSmile.of(quotes, forward);
        List<VolSurfaceResponse.Bucket> buckets = new ArrayList<>();
        for (VolSmile.Bucket b : smile.buckets()) {
            buckets.add(new VolSurfaceResponse.Bucket(b.name(), b.callDelta(), iv(b.iv())));
        }
        List<VolSurfaceResponse.Strike> strikes = new ArrayList<>();
        for (VolSmile.Strike s : smile.strikes()) {
            strikes.add(new VolSurfaceResponse.Strike(s.strike().toPlainString(), OptionParams.round(
                    s.logMoneyness(), 6), iv(s.smileIv()), s.smileSide() == null ? null
                    : s.smileSide().name().toLowerCase(Locale.ROOT), OptionParams.round(s.callEquivalentDelta(), 6),
                    side(s.call()), side(s.put())));
        }
        return new VolSurfaceResponse.Expiry(e.expiry().toString(), OptionParams.code(e.expiry()),
                OptionParams.years(asOf, e.expiry()), forward == null ? null : forward.toPlainString(),
                smile.atmStrike() == null ? null : smile.atmStrike().toPlainString(), iv(smile.atmIv()),
                iv(smile.riskReversal25()), iv(smile.butterfly25()), iv(smile.riskReversal10()),
                iv(smile.butterfly10()), buckets, strikes);
    }

    private static VolSurfaceResponse.Side side(VolSmile.Quote q) {
        if (q == null) {
            return null;
        }
        return new VolSurfaceResponse.Side(q.symbol(), positive(q.markIv()), positive(q.bidIv()),
                positive(q.askIv()), number(q.delta(), 6));
    }

    private static Double iv(Double v) {
        return OptionParams.round(v, 4);
    }

    /** An IV of zero is how a venue says "no quote on that side" (Deribit: empty bid); it becomes null. */
    private static Double positive(BigDecimal iv) {
        return iv == null || iv.signum() <= 0 ? null : number(iv, 4);
    }

    private static Double number(BigDecimal d, int decimals) {
        return d == null ? null : OptionParams.round(d.doubleValue(), decimals);
    }

}
