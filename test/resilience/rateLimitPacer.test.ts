import { RateLimitPacer, RequestSpacer } from '../../nodes/Aitbc/transport/rateLimit';

const NOW = 1_796_400_000_500;
const RESET_SECONDS = String(Math.ceil(NOW / 1000));
const RESET_AT = Number(RESET_SECONDS) * 1000;

function headers(remaining: number, reset = RESET_SECONDS): Record<string, string> {
	return { 'x-ratelimit-remaining': String(remaining), 'x-ratelimit-reset': reset };
}

describe('RateLimitPacer', () => {
	test('lets requests go without headers', () => {
		const pacer = new RateLimitPacer();
		for (let i = 0; i < 100; i++) expect(pacer.reserve(NOW)).toBe(0);
	});

	test('waits for the reset once the budget is spent', () => {
		const pacer = new RateLimitPacer();
		pacer.observe(headers(2), 0, NOW);

		expect(pacer.reserve(NOW)).toBe(0);
		expect(pacer.reserve(NOW)).toBe(0);
		expect(pacer.reserve(NOW)).toBe(RESET_AT - NOW);
		expect(pacer.reserve(RESET_AT)).toBe(0);
	});

	test('counts requests in flight against the budget', () => {
		const pacer = new RateLimitPacer();
		pacer.observe(headers(3), 3, NOW);
		expect(pacer.reserve(NOW)).toBe(RESET_AT - NOW);
	});

	test('remaining 0 waits for the reset', () => {
		const pacer = new RateLimitPacer();
		pacer.observe(headers(0), 0, NOW);
		expect(pacer.reserve(NOW)).toBe(RESET_AT - NOW);
	});

	test('an older answer cannot raise the budget', () => {
		const pacer = new RateLimitPacer();
		pacer.observe(headers(0), 0, NOW);
		pacer.observe(headers(10), 0, NOW);
		expect(pacer.reserve(NOW)).toBe(RESET_AT - NOW);
	});

	test('a small reset is read as seconds from now', () => {
		const pacer = new RateLimitPacer();
		pacer.observe(headers(0, '30'), 0, NOW);
		expect(pacer.reserve(NOW)).toBe(30_000);
	});

	test('a pause holds every request', () => {
		const pacer = new RateLimitPacer();
		pacer.pauseUntil(NOW + 2_000);
		expect(pacer.reserve(NOW)).toBe(2_000);
		expect(pacer.reserve(NOW + 2_000)).toBe(0);
	});

	test('ignores unreadable headers', () => {
		const pacer = new RateLimitPacer();
		pacer.observe({ 'x-ratelimit-remaining': 'none', 'x-ratelimit-reset': RESET_SECONDS }, 0, NOW);
		pacer.observe({ 'x-ratelimit-remaining': '0' }, 0, NOW);
		expect(pacer.reserve(NOW)).toBe(0);
	});
});

describe('RequestSpacer', () => {
	test('spaces starts by the cap', () => {
		const spacer = new RequestSpacer(4);
		expect(spacer.reserve(NOW)).toBe(0);
		expect(spacer.reserve(NOW)).toBe(250);
		expect(spacer.reserve(NOW + 100)).toBe(150);
		expect(spacer.reserve(NOW + 250)).toBe(0);
		expect(spacer.reserve(NOW + 250)).toBe(250);
	});

	test('late start does not let the next burst', () => {
		const spacer = new RequestSpacer(4);
		expect(spacer.reserve(NOW)).toBe(0);
		expect(spacer.reserve(NOW + 900)).toBe(0);
		expect(spacer.reserve(NOW + 900)).toBe(250);
	});

	test('no cap means no wait', () => {
		const spacer = new RequestSpacer(0);
		expect(spacer.reserve(NOW)).toBe(0);
		expect(spacer.reserve(NOW)).toBe(0);
	});
});
