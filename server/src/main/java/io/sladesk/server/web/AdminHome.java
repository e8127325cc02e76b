package io.sladesk.server.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;

/** The admin area's door: admins go to its first section, agents get the 403 page. */
@Controller
class AdminHome {
    @GetMapping("/console/admin")
    String home(@RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer) {
        AdminSupport.requireAdmin(viewer);
        return "redirect:/console/admin/organizations";
    }
}
