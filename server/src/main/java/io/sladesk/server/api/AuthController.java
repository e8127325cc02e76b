package io.sladesk.server.api;

import io.sladesk.server.account.Accounts;
import io.sladesk.server.account.Actor;
import io.sladesk.server.identity.SignInThrottle;
import io.sladesk.server.identity.Tokens;
import io.sladesk.server.platform.Checks;
import io.sladesk.server.platform.Problems.NotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Authentication")
class AuthController {
    private final Accounts accounts;
    private final Tokens tokens;
    private final SignInThrottle throttle;

    AuthController(Accounts accounts, Tokens tokens, SignInThrottle throttle) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.throttle = throttle;
    }

    record SignIn(String email, String password) {}

    record TokenView(String token, String expiresAt, Views.UserView user) {}

    @PostMapping("/auth/token")
    @Operation(summary = "Exchange email and password for a bearer token")
    ResponseEntity<TokenView> token(@RequestBody SignIn body, HttpServletRequest request) {
        Checks checks = Checks.start();
        checks.text("email", body.email(), 254);
        checks.text("password", body.password(), 1_024); // the longest a password may be
        checks.orThrow();
        String address = request.getRemoteAddr();
        throttle.check(body.email(), address);
        var user = accounts.authenticate(body.email(), body.password());
        if (user.isEmpty()) {
            throttle.failed(body.email(), address);
            throw new io.sladesk.server.platform.Problems.Unauthorized("Unknown email or wrong password");
        }
        throttle.succeeded(body.email(), address);
        Tokens.Issued issued = tokens.issue(user.get().id());
        return ResponseEntity.ok(
                new TokenView(issued.token(), Views.instant(issued.expiresAt()), Views.UserView.of(user.get())));
    }

    @DeleteMapping("/auth/token")
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke the token of this request")
    ResponseEntity<Void> revoke(@RequestHeader("Authorization") String authorization) {
        tokens.revoke(authorization.substring(7).trim());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/auth/tokens")
    @Operation(summary = "Revoke every token of the signed-in user (sign out everywhere)")
    Map<String, Integer> revokeAll(@AuthenticationPrincipal Actor actor) {
        return Map.of("revoked", tokens.revokeAll(actor.userId()));
    }

    @GetMapping("/me")
    @Operation(summary = "The signed-in user")
    Views.UserView me(@AuthenticationPrincipal Actor actor) {
        return Views.UserView.of(
                accounts.user(actor.userId()).orElseThrow(() -> new NotFound("Your user no longer exists")));
    }
}
