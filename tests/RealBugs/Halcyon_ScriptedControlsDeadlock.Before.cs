// IslandzVW/halcyon (InWorldz), OpenSim/Region/Framework/Scenes/ScenePresence.cs, before cae59e7d ("Fixed deadlock
// seen on Events Scenic 35 - scriptedcontrols vs m_items", PR #102): SendControlToScripts holds m_scriptedcontrols while
// the control event reaches the script engine, which locks the prim inventory's m_items (GetScripts); StandUp holds that
// same dictionary (prim.TaskInventory) while the release-controls event reaches the script API, which locks
// m_scriptedcontrols (UnRegisterControlEventsToScript). The commit message gives both threads' stacks.
#nullable enable
using System;
using System.Collections.Generic;

namespace RealBugs.Halcyon_ScriptedControlsDeadlock.Before;

[Flags]
public enum ScriptControlled : uint
{
    CONTROL_ZERO = 0,
    CONTROL_FWD = 1,
    CONTROL_BACK = 2,
    CONTROL_LBUTTON = 0x10000000,
}

public sealed class ScriptControllers
{
    public uint objID;
    public Guid itemID;
    public ScriptControlled ignoreControls;
    public ScriptControlled eventControls;
}

public sealed class TaskInventoryItem
{
    public Guid ItemID { get; set; }
    public int InvType { get; set; }
    public Guid PermsGranter { get; set; }
    public bool HasScriptedControls { get; set; }
}

public sealed class TaskInventoryDictionary : Dictionary<Guid, TaskInventoryItem>
{
}

public sealed class SceneObjectPartInventory
{
    private TaskInventoryDictionary m_items = new TaskInventoryDictionary();

    public TaskInventoryDictionary Items
    {
        get { return m_items; }
        set { m_items = value; }
    }

    public IList<TaskInventoryItem> GetScripts()
    {
        List<TaskInventoryItem> items = new List<TaskInventoryItem>();
        lock (m_items)
        {
            foreach (TaskInventoryItem item in m_items.Values)
            {
                if (item.InvType == 10)
                {
                    items.Add(item);
                }
            }
        }

        return items;
    }
}

public sealed class SceneObjectPart
{
    private readonly SceneObjectPartInventory m_inventory = new SceneObjectPartInventory();

    public uint LocalId { get; set; }

    public SceneObjectGroup ParentGroup { get; set; } = null!;

    public SceneObjectPartInventory Inventory => m_inventory;

    public TaskInventoryDictionary TaskInventory
    {
        get { return m_inventory.Items; }
        set { m_inventory.Items = value; }
    }
}

public sealed class SceneObjectGroup
{
    private readonly List<SceneObjectPart> m_parts = new List<SceneObjectPart>();

    public SceneObjectPart[] GetParts()
    {
        lock (m_parts)
        {
            return m_parts.ToArray();
        }
    }
}

public delegate void ScriptControlEvent(uint localID, Guid item, Guid avatarID, uint held, uint changed);

public sealed class EventManager
{
    public event ScriptControlEvent? OnScriptControlEvent;

    public void TriggerControlEvent(uint p, Guid scriptUUID, Guid avatarID, uint held, uint _changed)
    {
        ScriptControlEvent? handlerScriptControlEvent = OnScriptControlEvent;
        if (handlerScriptControlEvent != null)
        {
            handlerScriptControlEvent(p, scriptUUID, avatarID, held, _changed);
        }
    }
}

public sealed class Scene
{
    public readonly object SyncRoot = new object();

    public EventManager EventManager { get; } = new EventManager();

    private readonly Dictionary<uint, SceneObjectPart> m_parts = new Dictionary<uint, SceneObjectPart>();

    public SceneObjectPart? GetSceneObjectPart(uint localID) => m_parts.TryGetValue(localID, out var part) ? part : null;
}

// The script engine's side: control events are posted to every script of the prim, and a script that holds an
// avatar's controls lets them go when that avatar stands up.
public sealed class ScriptEngine
{
    private readonly Scene m_scene;

    public ScriptEngine(Scene scene)
    {
        m_scene = scene;
        m_scene.EventManager.OnScriptControlEvent += control;
    }

    public void control(uint localID, Guid itemID, Guid agentID, uint held, uint change)
    {
        PostObjectEvent(localID, "control", new object[] { agentID.ToString(), (int)held, (int)change });
    }

    public void PostObjectEvent(uint localID, string eventName, object[] args)
    {
        SceneObjectPart? part = m_scene.GetSceneObjectPart(localID);
        if (part == null)
            return;

        foreach (TaskInventoryItem item in part.Inventory.GetScripts())
        {
            Enqueue(item.ItemID, eventName, args);
        }
    }

    private static void Enqueue(Guid itemID, string eventName, object[] args)
    {
    }
}

public sealed class LSL_Api
{
    private readonly SceneObjectPart m_host;
    private readonly Guid m_itemID;

    public LSL_Api(SceneObjectPart host, Guid itemID, ScenePresence presence)
    {
        m_host = host;
        m_itemID = itemID;
        presence.OnMustReleaseControls += handleMustReleaseControls;
    }

    void handleMustReleaseControls(ScenePresence presence, SceneObjectPart part, TaskInventoryItem item, bool silent)
    {
        if (part != m_host)
            return; // not for me
        if (item == null)
            return; // no item to release from
        if (item.PermsGranter != Guid.Empty && item.PermsGranter != presence.UUID)
            return; // not for me

        ReleaseControlsInternal(presence, silent);
    }

    private void ReleaseControlsInternal(ScenePresence presence, bool silent)
    {
        TaskInventoryItem item;
        lock (m_host.TaskInventory)
        {
            if (!m_host.TaskInventory.ContainsKey(m_itemID))
                return;

            item = m_host.TaskInventory[m_itemID];
        }

        bool hadControls = item.HasScriptedControls;
        item.HasScriptedControls = false;

        if (hadControls)
        {
            // Unregister controls from Presence
            presence.OnMustReleaseControls -= handleMustReleaseControls;
            presence.UnRegisterControlEventsToScript(m_host.LocalId, m_itemID, silent);
        }
    }
}

public sealed class ScenePresence
{
    private readonly Scene m_scene;
    private readonly Dictionary<Guid, ScriptControllers> m_scriptedcontrols = new Dictionary<Guid, ScriptControllers>();
    private SceneObjectPart? m_parent;

    public ScenePresence(Scene scene, Guid uuid)
    {
        m_scene = scene;
        UUID = uuid;
    }

    public Guid UUID { get; }

    public bool IsChildAgent { get; set; }

    public ScriptControlled LastCommands { get; private set; }

    public delegate void StandUpDelegate(ScenePresence presence, SceneObjectPart part, TaskInventoryItem item, bool silent);

    public event StandUpDelegate? OnMustReleaseControls;

    // Called on user Stand Up or on ForceReleaseControls
    public void TriggerOnReleaseControls(ScenePresence presence, SceneObjectPart part, TaskInventoryItem item, bool silent)
    {
        StandUpDelegate? handlerReleaseControls = OnMustReleaseControls;
        if (handlerReleaseControls != null)
        {
            handlerReleaseControls(this, part, item, silent);
        }
    }

    public void StandUp(SceneObjectPart? known_part, bool fromCrossing)
    {
        lock (m_scene.SyncRoot)
        {
            SceneObjectPart? part = known_part ?? m_parent;
            if (part != null)
            {
                // Need to release controls from all scripts on ALL prim in this object where the target user is this one.
                SceneObjectPart[] parts = part.ParentGroup.GetParts();
                foreach (SceneObjectPart prim in parts)
                {
                    TaskInventoryDictionary taskIDict = prim.TaskInventory;
                    if (taskIDict != null)
                    {
                        lock (taskIDict)
                        {
                            foreach (Guid taskID in taskIDict.Keys)
                            {
                                TaskInventoryItem item = taskIDict[taskID];
                                bool silent = IsChildAgent || fromCrossing; // never send the controls updates to child agents on a stand
                                this.TriggerOnReleaseControls(this, prim, item, silent); // handler checks first param for match // expect: RACE011
                            }
                        }
                    }
                }
            }

            m_parent = null;
        }
    }

    public void UnRegisterControlEventsToScript(uint Obj_localID, Guid Script_item_UUID, bool silent)
    {
        SceneObjectPart? part = m_scene.GetSceneObjectPart(Obj_localID);

        lock (m_scriptedcontrols)
        {
            if (m_scriptedcontrols.ContainsKey(Script_item_UUID))
            {
                m_scriptedcontrols.Remove(Script_item_UUID);
            }
        }
    }

    internal void SendControlToScripts(ScriptControlled allflags)
    {
        // optimization; we have to check per script, but if nothing is pressed and nothing changed, we can skip that
        if (allflags != ScriptControlled.CONTROL_ZERO || allflags != LastCommands)
        {
            lock (m_scriptedcontrols)
            {
                foreach (Guid scriptUUID in m_scriptedcontrols.Keys)
                {
                    ScriptControllers scriptControlData = m_scriptedcontrols[scriptUUID];
                    ScriptControlled localHeld = allflags & scriptControlData.eventControls;     // the flags interesting for us
                    ScriptControlled localLast = LastCommands & scriptControlData.eventControls; // the activated controls in the last cycle
                    ScriptControlled localChange = localHeld ^ localLast;                        // the changed bits
                    if (localHeld != ScriptControlled.CONTROL_ZERO || localChange != ScriptControlled.CONTROL_ZERO)
                    {
                        // only send if still pressed or just changed
                        m_scene.EventManager.TriggerControlEvent(scriptControlData.objID, scriptUUID, UUID, (uint)localHeld, (uint)localChange); // expect: RACE011
                    }
                }
            }
        }

        LastCommands = allflags;
    }
}
