package com.scheduledscaler.reconcile;

import com.scheduledscaler.audit.Trigger;
import com.scheduledscaler.catalog.ControlStore;
import com.scheduledscaler.catalog.PolicyCatalog;
import com.scheduledscaler.policy.SettingsOverride;
import io.quarkus.logging.Log;
import jakarta.inject.Singleton;

/**
 * What an operator can do at run time: freeze, override a model, pause or resume a policy, reconcile
 * now. Each is persisted first, then takes effect at once on this instance (others pick it up at
 * their next policy poll).
 */
@Singleton
public class OperatorActions {

    private final ControlStore controls;
    private final PolicyCatalog catalog;
    private final Reconciler reconciler;
    private final TransitionTimer timer;

    OperatorActions(ControlStore controls, PolicyCatalog catalog, Reconciler reconciler, TransitionTimer timer) {
        this.controls = controls;
        this.catalog = catalog;
        this.reconciler = reconciler;
        this.timer = timer;
    }

    public void freeze(String actor, String reason) {
        controls.freeze(actor, reason);
        Log.warnf("Frozen by %s: no change is sent until the freeze is lifted (%s)", actor, reason);
    }

    public void unfreeze(String actor) {
        if (controls.unfreeze(actor)) {
            Log.warnf("Freeze lifted by %s", actor);
            reconcile(Trigger.MANUAL, actor);
        }
    }

    public void override(SettingsOverride override, String actor) {
        controls.putOverride(override, actor);
        Log.infof("Model %s: override %s until %s by %s (%s)", override.modelId(), override.settings(),
                override.until(), actor, override.reason());
        reconcile(Trigger.OVERRIDE, actor);
    }

    public boolean removeOverride(String modelId, String actor) {
        boolean removed = controls.removeOverride(modelId, actor);
        if (removed) {
            Log.infof("Model %s: override removed by %s", modelId, actor);
            reconcile(Trigger.OVERRIDE, actor);
        }
        return removed;
    }

    public void pause(String policy, String actor) {
        controls.pause(policy, actor);
        Log.infof("Policy %s paused by %s", policy, actor);
        reconcile(Trigger.POLICY_CHANGE, actor);
    }

    public boolean resume(String policy, String actor) {
        boolean resumed = controls.resume(policy, actor);
        if (resumed) {
            Log.infof("Policy %s resumed by %s", policy, actor);
            reconcile(Trigger.POLICY_CHANGE, actor);
        }
        return resumed;
    }

    /** Re-reads policies and controls, then reconciles every model; returns the changes dispatched. */
    public int reconcile(Trigger trigger, String actor) {
        catalog.refresh();
        int dispatched = reconciler.reconcile(trigger, actor);
        timer.plan();
        return dispatched;
    }
}
