package io.sladesk.server.web;

import io.sladesk.server.account.Accounts;
import io.sladesk.server.account.Actor;
import io.sladesk.server.account.NewOrganization;
import io.sladesk.server.account.NewUser;
import io.sladesk.server.account.Organization;
import io.sladesk.server.account.Role;
import io.sladesk.server.account.User;
import io.sladesk.server.ticket.Assignment;
import io.sladesk.server.ticket.NewTicket;
import io.sladesk.server.ticket.Reevaluation;
import io.sladesk.server.ticket.Reevaluations;
import io.sladesk.server.ticket.Ticket;
import io.sladesk.server.ticket.Tickets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * {@code SLADESK_DEMO=true}: fills an empty desk (no organizations, no tickets) with a demo a
 * newcomer can work in at once: three organizations on the Pro plan (one with a TAM),
 * agents, customers with passwords printed once, and tickets in every state and severity,
 * some imported with an earlier {@code createdAt} so their promises are already at risk,
 * missed and escalated, some with severity re-evaluation requests. It goes through the
 * facades, as the API would; a desk that holds anything is left alone.
 */
@Component
@ConditionalOnBooleanProperty("sladesk.demo")
class DemoDesk implements ApplicationRunner {
    /** The demo organization of the widget's demo host page (/widget/demo): Acme Retail. */
    static final String WIDGET_ORGANIZATION = "acme-retail";
    /** The demo customer the demo host page signs in to the widget. */
    static final String WIDGET_USER = "ana.silva@acme.demo";

    private final Accounts accounts;
    private final io.sladesk.server.account.WidgetSettings widgetSettings;
    private final Tickets tickets;
    private final Reevaluations reevaluations;
    private final SavedReplies savedReplies;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    DemoDesk(
            Accounts accounts,
            Tickets tickets,
            Reevaluations reevaluations,
            SavedReplies savedReplies,
            Clock clock,
            io.sladesk.server.account.WidgetSettings widgetSettings) {
        this.accounts = accounts;
        this.widgetSettings = widgetSettings;
        this.tickets = tickets;
        this.reevaluations = reevaluations;
        this.savedReplies = savedReplies;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!accounts.organizations(1, null).items().isEmpty()) {
            System.out.println("SLADESK_DEMO=true: the desk holds organizations already; no demo added.");
            return;
        }
        Actor admin = accounts.users(200, null, null).items().stream()
                .filter(u -> u.role() == Role.ADMIN)
                .findFirst()
                .orElseThrow()
                .asActor();
        Map<String, String> passwords = new LinkedHashMap<>();

        User mei = user(passwords, "mei.chen@demo.sladesk.local", "Mei Chen", "agent", null, "zh-TW", "Asia/Taipei");
        User sam = user(passwords, "sam.ortiz@demo.sladesk.local", "Sam Ortiz", "agent", null, "en", "Europe/London");
        User priya = user(passwords, "priya.nair@demo.sladesk.local", "Priya Nair", "agent", null, "en", null);
        accounts.createGroup(
                "Tier 1",
                List.of(mei.id().toString(), sam.id().toString(), priya.id().toString()));

        // the seed's add-on: Acme's plan includes a TAM (Mei), with Sam as backup
        Organization acme = accounts.createOrganization(new NewOrganization(
                "Acme Retail",
                "Pro + TAM",
                "Asia/Taipei",
                null,
                mei.id().toString(),
                sam.id().toString(),
                false,
                true));
        Organization globex = accounts.createOrganization(
                new NewOrganization("Globex Logistics", "Pro", "Europe/London", null, null));
        Organization initech =
                accounts.createOrganization(new NewOrganization("Initech", "Pro", "America/New_York", null, null));

        // the in-app widget: the demo host page (/widget/demo, on the desk's own origin) embeds Acme's
        accounts.updateOrganization(
                acme.id().toString(),
                new io.sladesk.server.account.OrganizationChange(
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        java.util.Optional.of(WIDGET_ORGANIZATION),
                        List.of()));
        widgetSettings.newSecret(acme.id());

        User lin = user(passwords, "lin.wang@acme.demo", "Lin Wang", "customer", acme, "zh-TW", null);
        User ana = user(passwords, "ana.silva@acme.demo", "Ana Silva", "customer", acme, "en", null);
        User tom = user(passwords, "tom.baker@globex.demo", "Tom Baker", "customer", globex, "en", null);
        User joan = user(passwords, "joan.park@initech.demo", "Joan Park", "customer", initech, "en", null);

        Actor meiA = mei.asActor();
        Actor samA = sam.asActor();

        // missed and escalated: opened long enough ago that both promises have passed
        Ticket down = open(
                admin,
                globex,
                tom,
                "Data corrupted after the 4.2 upgrade",
                "Since last night's upgrade some shipment records show other customers' addresses.",
                "P1",
                Duration.ofHours(10));
        assign(samA, down, sam);
        tickets.post(
                samA, id(down), "We have stopped the nightly job and are restoring from the 02:00 backup.", "public");
        // first response missed, resolution still running
        open(admin, acme, lin, "結帳頁面全部門市無法使用", "所有門市的結帳頁面從 09:00 起顯示錯誤 500，無法收款。", "P1", Duration.ofHours(3));
        // warning passed, not yet due (P2 answers within two hours)
        open(
                admin,
                initech,
                joan,
                "Nightly sync job fails",
                "The 01:00 sync to our ERP fails with a timeout every night this week.",
                "P2",
                Duration.ofMinutes(100));
        // fresh ones, every severity
        Ticket slow = open(
                admin,
                acme,
                ana,
                "Reports take minutes to load",
                "The sales report takes three to four minutes to open since Monday.",
                "P2",
                Duration.ofMinutes(20));
        Ticket widget = open(
                admin,
                initech,
                joan,
                "Dashboard widget shows wrong totals",
                "The revenue widget adds refunds instead of subtracting them.",
                "P3",
                Duration.ofMinutes(50));
        Ticket export = open(
                admin,
                globex,
                tom,
                "How do I export invoices as CSV?",
                "We would like to export last month's invoices for our accountant.",
                "P4",
                Duration.ofMinutes(5));
        Ticket training = open(
                admin,
                acme,
                ana,
                "Training for new store managers",
                "Could you run a short training for five new store managers next week?",
                "P4",
                Duration.ofHours(1));
        Ticket printer = open(
                admin,
                globex,
                tom,
                "Label printer integration misbehaves",
                "Every tenth label prints twice.",
                "P3",
                Duration.ofHours(6));
        Ticket login = open(admin, acme, lin, "部分員工無法登入", "三位員工今天早上無法登入後台，其他人正常。", "P3", Duration.ofMinutes(30));
        Ticket archive = open(
                admin,
                initech,
                joan,
                "Password reset emails arrive late",
                "Reset emails take about ten minutes to arrive.",
                "P4",
                Duration.ofHours(30));

        // in progress, waiting for the customer, on hold, solved, closed
        assign(meiA, printer, mei);
        tickets.post(meiA, id(printer), "Could you send us the printer model and driver version?", "public");
        tickets.changeStatus(meiA, id(printer), "pending");
        assign(meiA, login, mei);
        tickets.post(meiA, id(login), "三位員工的帳號是否都在同一個門市？", "public");
        tickets.post(meiA, id(login), "可能與上週的 SSO 設定變更有關，先查 IdP 日誌。", "internal");
        assign(samA, export, sam);
        tickets.post(samA, id(export), "Go to Billing → Invoices, choose the month, then Export → CSV.", "public");
        tickets.changeStatus(samA, id(export), "solved");
        tickets.post(samA, id(archive), "Fixed by moving reset emails to the priority mail queue.", "public");
        tickets.changeStatus(samA, id(archive), "solved");
        tickets.changeStatus(samA, id(archive), "closed");
        assign(samA, training, sam);
        tickets.post(samA, id(training), "Happy to. We will propose two dates.", "public");
        tickets.changeStatus(samA, id(training), "on_hold");

        // re-evaluation requests: one open, one declined
        reevaluations.request(joan.asActor(), id(widget), "P2", "Finance closes the month on these totals tomorrow.");
        Reevaluation asked = reevaluations.request(ana.asActor(), id(training), "P3", "The managers start on Monday.");
        reevaluations.decide(
                samA,
                id(training),
                asked.id().toString(),
                false,
                "Training requests are P4; we have planned it for Friday.");
        reevaluations.request(lin.asActor(), id(slow), "P1", "門市在尖峰時段無法查看銷售報表。");

        savedReplies.add(
                mei.id(), "en", "Asking for details", "Could you tell us when it started and what you see on screen?");
        savedReplies.add(
                mei.id(), "en", "Solved, closing", "We believe this is solved; reply if anything is still wrong.");
        savedReplies.add(mei.id(), "zh-TW", "詢問細節", "請問問題從何時開始？畫面上顯示什麼訊息？");
        savedReplies.add(mei.id(), "zh-TW", "已解決", "我們認為問題已解決；如仍有狀況請直接回覆。");

        StringBuilder out = new StringBuilder("\n=== Sladesk demo desk (SLADESK_DEMO=true) ===\n");
        out.append("  Sign in at /login with any of these (passwords shown once):\n");
        passwords.forEach((email, pw) -> out.append("  ")
                .append(String.format("%-34s", email))
                .append(pw)
                .append('\n'));
        out.append("  Agents work at /console, customers at /portal; the in-app widget's demo is at /widget/demo.\n");
        System.out.println(out);
    }

    private User user(
            Map<String, String> passwords,
            String email,
            String name,
            String role,
            Organization org,
            String language,
            String zone) {
        String password = password();
        User u = accounts.createUser(new NewUser(
                email, name, role, org == null ? null : org.id().toString(), password, List.of(), language, zone));
        passwords.put(email, password);
        return u;
    }

    private Ticket open(
            Actor admin,
            Organization org,
            User requester,
            String subject,
            String description,
            String severity,
            Duration ago) {
        Instant at = clock.instant().minus(ago).truncatedTo(ChronoUnit.SECONDS);
        return tickets.create(
                        admin,
                        new NewTicket(
                                subject,
                                description,
                                severity,
                                org.id().toString(),
                                requester.email(),
                                null,
                                at.toString()),
                        null)
                .ticket();
    }

    private void assign(Actor actor, Ticket t, User to) {
        tickets.assign(actor, id(t), new Assignment(true, to.id().toString(), false, null));
    }

    private static String id(Ticket t) {
        return t.id().toString();
    }

    private String password() {
        String letters = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder b = new StringBuilder("demo-");
        for (int i = 0; i < 12; i++) b.append(letters.charAt(random.nextInt(letters.length())));
        return b.toString();
    }
}
