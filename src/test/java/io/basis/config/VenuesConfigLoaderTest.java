package io.basis.config;

import io.basis.model.InstrumentKind;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.basis.config.Fixtures.SHIPPED;
import static io.basis.config.Fixtures.failure;
import static io.basis.config.Fixtures.fixture;
import static io.basis.config.Fixtures.load;
import static org.assertj.core.api.Assertions.assertThat;

class VenuesConfigLoaderTest {

    @Test
    void shippedFileLoadsWithEveryKnownVenue() {
        VenuesConfig config = VenuesConfigLoader.load(SHIPPED, Map.of());

        assertThat(config.source()).isEqualTo(SHIPPED);
        assertThat(config.venues().keySet()).containsExactlyElementsOf(VenueId.ids());
        assertThat(config.enabled()).extracting(VenueConfig::id).containsExactly("binance-usdm", "binance-coinm",
                "bybit", "okx", "deribit", "coinbase", "cme", "coingecko", "fear-greed");
        assertThat(config.venues().values()).filteredOn(v -> !v.enabled())
                .allSatisfy(v -> assertThat(v.apiKeyEnv()).isNotBlank());
        assertThat(config.enabled()).allSatisfy(v -> assertThat(v.channels()).isNotEmpty());
    }

    @Test
    void shippedFileHasTheDocumentedDefaults() {
        VenuesConfig config = VenuesConfigLoader.load(SHIPPED, Map.of());

        VenueConfig binance = config.venue(VenueId.BINANCE_USDM).orElseThrow();
        assertThat(binance.restUrl()).isEqualTo(URI.create("https://fapi.binance.com"));
        assertThat(binance.wsUrl()).isEqualTo(URI.create("wss://fstream.binance.com"));
        assertThat(binance.symbolRule()).isEqualTo(new SymbolRule(20, InstrumentKind.PERPETUAL, "USDT", RankBy.VOLUME));
        assertThat(binance.channels().keySet()).contains(Channel.TRADES, Channel.LIQUIDATIONS, Channel.FUNDING,
                Channel.MARK_PRICE, Channel.OPEN_INTEREST, Channel.CANDLES, Channel.BOOK, Channel.LONG_SHORT_RATIO);
        assertThat(binance.largeTradeUsd("btc")).contains(new BigDecimal("100000"));

        VenueConfig deribit = config.venue(VenueId.DERIBIT).orElseThrow();
        assertThat(deribit.wsUrl()).isEqualTo(URI.create("wss://www.deribit.com/ws/api/v2"));
        assertThat(deribit.currencies()).containsExactly("BTC", "ETH");
        assertThat(deribit.channels().keySet()).contains(Channel.OPTION_TICKER, Channel.TRADES, Channel.BOOK,
                Channel.VOLATILITY_INDEX, Channel.INDEX_PRICE, Channel.FUNDING);

        assertThat(config.venue(VenueId.FEAR_GREED).orElseThrow().wsUrl()).isNull();
        assertThat(config.cryptosTracked()).contains("BTC", "ETH");
    }

    @Test
    void readsEveryKeyOfAValidFile() {
        VenuesConfig config = load("valid.yaml");

        VenueConfig binance = config.venue("binance-usdm").orElseThrow();
        assertThat(binance.enabled()).isTrue();
        assertThat(binance.restUrl()).as("trailing slash dropped").isEqualTo(URI.create("https://fapi.binance.com"));
        assertThat(binance.symbols()).isEmpty();
        assertThat(binance.symbolRule()).as("by defaults to volume")
                .isEqualTo(new SymbolRule(20, InstrumentKind.PERPETUAL, "USDT", RankBy.VOLUME));
        assertThat(binance.largeTradeUsd()).containsExactly(Map.entry("BTC", new BigDecimal("100000")),
                Map.entry("ETH", new BigDecimal("50000")), Map.entry("default", new BigDecimal("20000")));
        assertThat(binance.largeTradeUsd("SOL")).contains(new BigDecimal("20000"));
        assertThat(binance.channels().keySet()).containsExactly(Channel.TRADES, Channel.BOOK);
        assertThat(binance.channel(Channel.TRADES).orElseThrow().storage()).isEqualTo(StoragePolicy.LARGE_ONLY);
        ChannelConfig book = binance.channel(Channel.BOOK).orElseThrow();
        assertThat(book.storage()).isEqualTo(StoragePolicy.ALL);
        assertThat(book.options()).containsExactly(Map.entry("depth", "20"), Map.entry("snapshot-interval", "1s"));

        VenueConfig coinbase = config.venue("coinbase").orElseThrow();
        assertThat(coinbase.enabled()).isFalse();
        assertThat(coinbase.symbols()).as("scalars are read as text: NO stays a symbol")
                .containsExactly("XRP-USD", "NO");
        assertThat(coinbase.channel(Channel.TRADES).orElseThrow().storage()).isEqualTo(StoragePolicy.NONE);

        VenueConfig fearGreed = config.venue("fear-greed").orElseThrow();
        assertThat(fearGreed.symbols()).isEmpty();
        assertThat(fearGreed.symbolRule()).isNull();
        assertThat(fearGreed.wsUrl()).isNull();
    }

    @Test
    void missingFileIsAnErrorNamingIt() {
        Path missing = fixture("does-not-exist.yaml");

        InvalidConfigException e = failure(() -> VenuesConfigLoader.load(missing, Map.of()));

        assertThat(e.getMessage()).startsWith(missing + ": file not found");
        assertThat(e.file()).isEqualTo(missing.toString());
    }

    @Test
    void loadDefaultPrefersTheFileWhenItExists() {
        VenuesConfig config = VenuesConfigLoader.loadDefault(fixture("valid.yaml"), Map.of());

        assertThat(config.source()).isEqualTo(fixture("valid.yaml"));
    }

    @Test
    void loadDefaultFallsBackToTheClasspathCopy() {
        VenuesConfig config = VenuesConfigLoader.loadDefault(fixture("does-not-exist.yaml"), Map.of(),
                "config/valid.yaml", getClass().getClassLoader());

        assertThat(config.source().toString()).isEqualTo("classpath:config/valid.yaml");
        assertThat(config.venues()).containsKey("deribit");
    }

    @Test
    void theBuildPackagesTheShippedVenuesFileAsTheClasspathDefault() {
        VenuesConfig config = VenuesConfigLoader.loadDefault(fixture("does-not-exist.yaml"), Map.of());

        assertThat(config.source().toString()).isEqualTo("classpath:" + VenuesConfigLoader.DEFAULT_RESOURCE);
        assertThat(config.venues().keySet())
                .isEqualTo(VenuesConfigLoader.load(VenuesConfigLoader.DEFAULT_FILE, Map.of()).venues().keySet());
    }

    @Test
    void loadDefaultWithoutFileOrClasspathCopyNamesBoth() {
        Path missing = fixture("does-not-exist.yaml");

        InvalidConfigException e = failure(() -> VenuesConfigLoader.loadDefault(missing, Map.of(),
                "basis/no-such-resource.yaml", getClass().getClassLoader()));

        assertThat(e.getMessage()).startsWith(missing + ": file not found")
                .contains("classpath:basis/no-such-resource.yaml");
    }

    @Test
    void emptyFileIsAnError() {
        InvalidConfigException e = failure(() -> VenuesConfigLoader.parse("# nothing yet\n", Path.of("x.yaml"), Map.of()));

        assertThat(e.getMessage()).isEqualTo("x.yaml: file is empty; expected a top-level 'venues:' mapping");
    }

    @Test
    void resultIsImmutable() {
        VenuesConfig config = load("valid.yaml");
        VenueConfig binance = config.venue("binance-usdm").orElseThrow();

        assertThat(List.of(config.venues(), binance.channels(), binance.largeTradeUsd()))
                .allSatisfy(map -> assertThat(map).isUnmodifiable());
        assertThat(binance.channel(Channel.BOOK).orElseThrow().options()).isUnmodifiable();
    }
}
