import { ApiError, type RouteResult, type SandboxRequest } from './http';

export type RouteHandler = (request: SandboxRequest) => RouteResult | Promise<RouteResult>;

export interface RouteOptions {
	/** Routes such as the health check and the token endpoint respond without credentials. */
	public?: boolean;
}

interface Route {
	method: string;
	segments: string[];
	handler: RouteHandler;
	options: RouteOptions;
}

export interface RouteMatch {
	handler: RouteHandler;
	params: Record<string, string>;
	options: RouteOptions;
}

/** Matches `/v1/payments/charges/:id` style patterns; literal segments win over parameters. */
export class Router {
	private readonly routes: Route[] = [];

	add(method: string, pattern: string, handler: RouteHandler, options: RouteOptions = {}): void {
		this.routes.push({ method, segments: split(pattern), handler, options });
		this.routes.sort((a, b) => literalCount(b) - literalCount(a));
	}

	match(method: string, path: string): RouteMatch | 'method-not-allowed' | undefined {
		const segments = split(path);
		let pathMatched = false;

		for (const route of this.routes) {
			const params = matchSegments(route.segments, segments);
			if (!params) continue;

			pathMatched = true;
			if (route.method === method) {
				return { handler: route.handler, params, options: route.options };
			}
		}

		return pathMatched ? 'method-not-allowed' : undefined;
	}
}

function split(path: string): string[] {
	return path.split('/').filter((segment) => segment.length > 0);
}

function literalCount(route: Route): number {
	return route.segments.filter((segment) => !segment.startsWith(':')).length;
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
	if (pattern.length !== actual.length) return undefined;

	const params: Record<string, string> = {};
	for (let index = 0; index < pattern.length; index++) {
		const expected = pattern[index];
		if (expected.startsWith(':')) {
			params[expected.slice(1)] = decodeSegment(actual[index]);
		} else if (expected !== actual[index]) {
			return undefined;
		}
	}
	return params;
}

function decodeSegment(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		throw new ApiError(400, 'VALIDATION_ERROR', 'The request path is not valid percent-encoding');
	}
}
