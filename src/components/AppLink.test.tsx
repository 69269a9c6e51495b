import { fireEvent, render, screen } from "@testing-library/react";
import { MemoryRouter, Route, Routes, useLocation } from "react-router";
import { describe, expect, it } from "vitest";
import { AppLink } from "./AppLink.tsx";

function Here() {
  const location = useLocation();
  return <output>{`${location.pathname} ${JSON.stringify(location.state)}`}</output>;
}

function renderAt(link: React.ReactNode) {
  render(
    <MemoryRouter initialEntries={["/login"]}>
      {link}
      <Routes>
        <Route path="*" element={<Here />} />
      </Routes>
    </MemoryRouter>,
  );
  return screen.getByRole("link");
}

describe("AppLink", () => {
  it("is a real link, and a plain click moves in the page with its state", () => {
    const link = renderAt(
      <AppLink to="/reset-password" state={{ email: "member@coder.com" }}>
        Forgot password?
      </AppLink>,
    );
    expect(link.getAttribute("href")).toBe("/reset-password");
    fireEvent.click(link);
    expect(screen.getByRole("status").textContent).toBe(
      '/reset-password {"email":"member@coder.com"}',
    );
  });

  it("leaves a click with a modifier (a new tab or window) to the browser", () => {
    const link = renderAt(<AppLink to="/reset-password">Forgot password?</AppLink>);
    fireEvent.click(link, { ctrlKey: true });
    fireEvent.click(link, { shiftKey: true });
    expect(screen.getByRole("status").textContent).toBe("/login null");
  });

  it("lets its own click handler take the click instead", () => {
    const link = renderAt(
      <AppLink to="/reset-password" onClick={(event) => event.preventDefault()}>
        Forgot password?
      </AppLink>,
    );
    fireEvent.click(link);
    expect(screen.getByRole("status").textContent).toBe("/login null");
  });
});
