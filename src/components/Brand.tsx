import { Link } from "react-router";

export function Brand() {
  return (
    <Link to="/" className="brand">
      <svg viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <rect width="32" height="32" rx="7" fill="currentColor" />
        <path
          d="M9 16a7 7 0 0 1 11.9-5l-2.1 2.1A4 4 0 1 0 18.8 19l2.1 2.1A7 7 0 0 1 9 16z"
          fill="var(--bg)"
        />
      </svg>
      Coder
    </Link>
  );
}
