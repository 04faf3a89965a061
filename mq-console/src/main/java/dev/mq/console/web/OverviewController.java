package dev.mq.console.web;

import dev.mq.client.admin.ClusterOverview;
import dev.mq.client.admin.MqAdmin;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** {@code /}: clusters, brokers with their rates and disk use, name servers, and what could not be read. */
@Controller
class OverviewController {

    private final MqAdmin admin;
    private final String namesrv;

    OverviewController(MqAdmin admin, @Value("${mq.namesrv:127.0.0.1:9876}") String namesrv) {
        this.admin = admin;
        this.namesrv = namesrv;
    }

    @GetMapping("/")
    String overview(Model model) {
        ClusterOverview overview = admin.clusterOverview();
        model.addAttribute("overview", overview);
        model.addAttribute("clusters", overview.byCluster());
        model.addAttribute("namesrv", namesrv.split(";"));
        return "overview";
    }

    @GetMapping("/api/overview")
    @ResponseBody
    ClusterOverview overviewJson() {
        return admin.clusterOverview();
    }
}
